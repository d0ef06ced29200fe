/// The plain log of a CI job or a pipe: the step printer's lines as they come, no escape codes
/// and no redraws, and — while nothing else is printed for `heartbeatInterval` — a heartbeat
/// line with the run's totals, so a log read the next morning shows the run was alive and how far
/// it had got.
struct LogScreen: ProgressScreen {
    static let heartbeatInterval: Duration = .seconds(30)

    /// Off for `--no-progress` and `--quiet`: the lines alone.
    var heartbeat: Bool
    /// When the log was last written to; nil until then (the run's start counts).
    private var lastWrite: Duration?

    init(heartbeat: Bool) {
        self.heartbeat = heartbeat
    }

    mutating func update(_ run: RunState, lines: [String], now: Duration) -> String? {
        if !lines.isEmpty {
            lastWrite = now
            return Self.text(of: lines)
        }
        guard heartbeat, now - (lastWrite ?? run.startedAt) >= Self.heartbeatInterval else { return nil }
        lastWrite = now
        return Self.text(of: [ProgressRenderer.heartbeat(run, now: now)])
    }

    mutating func close(_ run: RunState, lines: [String], now: Duration) -> String {
        Self.text(of: lines)
    }

    var restoration: String { "" }

    private static func text(of lines: [String]) -> String {
        lines.map { TerminalText.sanitized($0) + "\n" }.joined()
    }
}
