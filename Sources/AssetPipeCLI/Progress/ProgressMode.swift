/// How a run's progress is shown, from where stderr goes, the environment and the options.
enum ProgressMode: Sendable, Equatable {
    /// A terminal: the live block under the step lines.
    case live(colour: Bool)
    /// A CI log or a pipe: a plain line per event, and a heartbeat while nothing happens.
    case log
    /// `--no-progress` or `--quiet`: the step lines alone, as before there was a live status.
    case lines

    /// The live block needs a terminal that understands cursor movement (`TERM=dumb` does not);
    /// `NO_COLOR`, set to anything, keeps the block but drops its colours.
    static func choose(terminal: Bool, environment: [String: String], noProgress: Bool,
                       verbosity: Invocation.Verbosity) -> ProgressMode {
        if noProgress || verbosity == .quiet { return .lines }
        guard terminal, environment["TERM"] != "dumb" else { return .log }
        return .live(colour: environment["NO_COLOR"] == nil)
    }

    var isLive: Bool {
        if case .live = self { true } else { false }
    }

    /// Whether the step printer says when each step starts: always with `--verbose`, and in a
    /// log, where nothing else would tell the morning reader what was in flight when a run hung
    /// (on a terminal the live block shows it).
    func announcesStarts(_ verbosity: Invocation.Verbosity) -> Bool {
        verbosity == .verbose || (self == .log && verbosity == .normal)
    }
}
