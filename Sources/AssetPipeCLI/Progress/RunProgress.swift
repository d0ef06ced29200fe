import Foundation
import AssetPipeBasics
import AssetPipeEngine
import AssetPipeReporting

/// Everything that watches a `run`: the step printer, the display it prints through (the live
/// block, the log with its heartbeat, or the plain lines), and the `--events` file; chosen from
/// the options and where stderr goes, and closed in the order the summary needs.
struct RunProgress: Sendable {
    static let tickMilliseconds = 100

    let mode: ProgressMode
    let printer: ProgressPrinter
    let display: ProgressDisplay
    let events: EventLog?

    /// What the runner reports to.
    var observer: any RunObserver {
        ObserverGroup([printer, display] + (events.map { [$0] } ?? []))
    }

    /// Opens the events file (a usage error when it cannot be created) and starts the display.
    static func start(_ invocation: Invocation, console: Console, environment: [String: String], outputPrefix: String,
                      directory: URL) async throws -> RunProgress {
        var events: EventLog?
        if let path = invocation.eventsPath {
            events = try await BlockingExecutor.shared.run { try EventLog.open(path, relativeTo: directory, console: console) }
        }
        let mode = ProgressMode.choose(terminal: console.terminal != nil, environment: environment,
                                       noProgress: invocation.noProgress, verbosity: invocation.verbosity)
        let display = makeDisplay(mode, on: console)
        var printer = ProgressPrinter(console: Console { _, line in display.print(line) }, verbosity: invocation.verbosity,
                                      outputPrefix: outputPrefix)
        printer.announcesStarts = mode.announcesStarts(invocation.verbosity)
        return RunProgress(mode: mode, printer: printer, display: display, events: events)
    }

    private static func makeDisplay(_ mode: ProgressMode, on console: Console) -> ProgressDisplay {
        let ticks = DispatchTicks(intervalMilliseconds: tickMilliseconds)
        if case let .live(colour) = mode, let terminal = console.terminal {
            return ProgressDisplay(screen: LiveScreen(colour: colour, measure: terminal.size), clock: SystemClock(), ticks: ticks,
                                   write: terminal.write)
        }
        return ProgressDisplay(screen: LogScreen(heartbeat: mode == .log), clock: SystemClock(), ticks: ticks) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().forEach { console.error(String($0)) }
        }
    }

    /// The Ctrl-C notice, on a line of its own: off the `^C` a terminal echoed, which the live
    /// block draws over anyway.
    func announce(_ notice: String) {
        if !mode.isLive { display.print("") }
        display.print(notice)
    }

    /// The run is over (`report` nil: it could not start): the live block gives way, the events
    /// file gets its last line and is closed, then the summary prints. The waits (the last
    /// tick, the file's last writes) happen on the blocking-work executor.
    func finish(_ report: RunReport?, _ document: ReportDocument? = nil) async {
        let close: @Sendable () -> String? = { [self] in
            display.close()
            return events?.finish(document)
        }
        let problem: String?
        do {
            problem = try await BlockingExecutor.shared.run(close)
        } catch {
            // The executor throws only when cancelled before the work began: then it runs here.
            problem = close()
        }
        if let problem { printer.console.error("error: \(problem)") }
        if let report { printer.summarize(report) }
    }
}
