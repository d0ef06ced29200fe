import Foundation

/// Prints run events as the lines a person reads in a terminal or a CI log the next morning:
/// one line per finished step with its duration, model and files; retries and fallbacks with
/// their reason; failures with what went wrong.
public struct ProgressPrinter: RunObserver {
    public var console: Console
    public var verbosity: Invocation.Verbosity
    /// How output paths are shown: the output folder as the user would type it.
    public var outputPrefix: String

    public init(console: Console, verbosity: Invocation.Verbosity, outputPrefix: String) {
        self.console = console
        self.verbosity = verbosity
        self.outputPrefix = outputPrefix
    }

    public func record(_ event: RunEvent) {
        switch event {
        case let .stepStarted(id, model):
            if verbosity == .verbose { console.error("  … \(id)  \(model)  started") }
        case let .retrying(id, model, attempt, maxAttempts, delay, reason):
            if verbosity != .quiet {
                console.error("  ↻ \(id)  \(model)  \(reason); attempt \(attempt)/\(maxAttempts) in \(Self.format(delay))")
            }
        case let .fallingBack(id, from, to, reason):
            if verbosity != .quiet { console.error("  ⤳ \(id)  \(from) failed (\(reason)); falling back to \(to)") }
        case let .stepFinished(outcome):
            print(outcome)
        }
    }

    private func print(_ outcome: StepOutcome) {
        let model = outcome.model.map { "  \($0)" } ?? ""
        switch outcome.status {
        case .succeeded:
            guard verbosity != .quiet else { return }
            let files = outcome.outputs.isEmpty ? "no outputs" : outcome.outputs.map { outputPrefix + $0 }.joined(separator: ", ")
            let retries = outcome.attempts > 1 ? "  (\(outcome.attempts) attempts)" : ""
            console.error("  ✓ \(outcome.stepID)\(model)  \(Self.format(outcome.duration))  → \(files)\(retries)")
            for note in outcome.notes where verbosity == .verbose || note.contains("failed") {
                console.error("      note: \(note)")
            }
        case let .failed(reason):
            console.error("  ✗ \(outcome.stepID)\(model)  \(Self.format(outcome.duration))  \(reason)")
            for note in outcome.notes { console.error("      \(note)") }
        case let .skipped(reason):
            guard verbosity != .quiet else { return }
            console.error("  - \(outcome.stepID)  skipped: \(reason)")
        case .cancelled:
            console.error("  ! \(outcome.stepID)\(model)  interrupted")
        }
    }

    /// The closing summary line; with `--quiet`, only when something went wrong.
    public func summarize(_ report: RunReport) {
        guard verbosity != .quiet || report.failed + report.cancelled > 0 || report.interrupted else { return }
        var parts = ["\(report.succeeded) done", "\(report.failed) failed", "\(report.skipped) skipped"]
        if report.cancelled > 0 { parts.append("\(report.cancelled) interrupted") }
        let files = "\(report.filesWritten) file\(report.filesWritten == 1 ? "" : "s") written"
        let verdict = report.interrupted ? "interrupted" : report.failed > 0 ? "failed" : "finished"
        console.error("\(verdict): \(parts.joined(separator: ", ")) · \(files) · \(Self.format(report.wallTime))")
    }

    /// `0.42s`, `12.3s`, `4m05s`.
    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 10 { return String(format: "%.2fs", seconds) }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
