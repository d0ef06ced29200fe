import Foundation
import AssetPipeEngine

/// Prints run events as the lines a person reads in a terminal or a CI log the next morning:
/// one line per finished step with its duration, model and files; retries and fallbacks with
/// their reason; failures with what went wrong.
public struct ProgressPrinter: RunObserver {
    public var console: Console
    public var verbosity: Invocation.Verbosity
    /// How output paths are shown: the output folder as the user would type it.
    public var outputPrefix: String
    /// Whether a line says when each step starts (README: "Watching a run").
    public var announcesStarts: Bool

    public init(console: Console, verbosity: Invocation.Verbosity, outputPrefix: String) {
        self.console = console
        self.verbosity = verbosity
        self.outputPrefix = outputPrefix
        announcesStarts = verbosity == .verbose
    }

    public func record(_ event: RunEvent) {
        switch event {
        case let .stepStarted(id, model):
            if announcesStarts { console.error("  … \(id)  \(model)  started") }
        case let .retrying(id, model, attempt, maxAttempts, delay, reason, _):
            if verbosity != .quiet {
                console.error("  ↻ \(id)  \(model)  \(reason); attempt \(attempt)/\(maxAttempts) in \(Self.format(delay))")
            }
        case let .fallingBack(id, from, to, reason):
            if verbosity != .quiet { console.error("  ⤳ \(id)  \(from) failed (\(reason)); falling back to \(to)") }
        case let .stepFinished(outcome):
            print(outcome)
        case let .batchProgress(batch):
            if verbosity != .quiet {
                let steps = batch.steps.count == 1 ? "1 step" : "\(batch.steps.count) steps"
                console.error("  ⧗ batch \(batch.batchID)  \(batch.model)  \(batch.status.rawValue)  \(batch.completed + batch.failed)/\(batch.total) done (\(steps))")
            }
        case .runStarted, .attemptFinished, .waitingForRateLimit:
            break
        }
    }

    private func print(_ outcome: StepOutcome) {
        let model = outcome.model.map { "  \($0)" } ?? ""
        switch outcome.status {
        case .succeeded:
            guard verbosity != .quiet else { return }
            let written = outcome.outputs.filter(\.written)
            let files = written.isEmpty ? "no outputs written" : written.map { outputPrefix + $0.path }.joined(separator: ", ")
            switch outcome.source {
            case .cache:
                if verbosity == .verbose { console.error("  = \(outcome.stepID)  up to date (cached)") }
                return
            case .rerendered:
                console.error("  ✓ \(outcome.stepID)\(model)  outputs re-rendered from cache  → \(files)")
            case .generated:
                let retries = outcome.requests > 1 ? "  (\(outcome.requests) attempts)" : ""
                let cost = outcome.cost.map { $0 > 0 ? "  " + USD($0) : "" } ?? ""
                console.error("  ✓ \(outcome.stepID)\(model)  \(Self.format(outcome.duration))\(cost)  → \(files)\(retries)")
            }
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
        guard verbosity != .quiet || report.failed + report.cancelled > 0 || report.interrupted || report.budgetExceeded else { return }
        var parts = ["\(report.succeeded) done", "\(report.failed) failed", "\(report.skipped) skipped"]
        if report.reused > 0 { parts[0] += " (\(report.reused) from cache)" }
        if report.cancelled > 0 { parts.append("\(report.cancelled) interrupted") }
        let files = "\(report.filesWritten) file\(report.filesWritten == 1 ? "" : "s") written"
        let requests = "\(report.requests) request\(report.requests == 1 ? "" : "s")"
        var money: [String] = []
        if report.cost > 0 { money.append("spent \(USD(report.cost))") }
        if report.savedCost > 0 { money.append("saved \(USD(report.savedCost)) by cache") }
        if report.savedByBatch > 0 { money.append("saved \(USD(report.savedByBatch)) by batch") }
        if report.estimatedRemaining > 0 { money.append("about \(USD(report.estimatedRemaining)) remaining") }
        let verdict = report.interrupted ? "interrupted" : report.budgetExceeded ? "stopped at the budget"
            : report.failed > 0 ? "failed" : "finished"
        let summary = [parts.joined(separator: ", "), files, requests] + (money.isEmpty ? [] : [money.joined(separator: ", ")])
        console.error("\(verdict): \(summary.joined(separator: " · ")) · \(Self.format(report.wallTime))")
        let submitted = report.outcomes.count { $0.submittedInBatch != nil }
        if submitted > 0 {
            console.error("\(submitted) step\(submitted == 1 ? "" : "s") submitted in batches and not waited for: run again (or 'assetpipe batches') to collect; nothing is sent twice")
        }
    }

    /// `0.42s`, `12.3s`, `4m05s`.
    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds < 10 { return String(format: "%.2fs", seconds) }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
