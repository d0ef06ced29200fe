/// What a progress display writes, decided tick by tick from the run's state, the lines the
/// step printer has printed since the last write, and the time: the live block of a terminal,
/// or the plain log of a CI job. Values, so each is tested by calling it.
protocol ProgressScreen: Sendable {
    /// What to write at `now`: the pending `lines` and whatever else the screen shows. Nil to
    /// write nothing yet; the lines then wait for a later tick.
    mutating func update(_ run: RunState, lines: [String], now: Duration) -> String?

    /// What to write when the run is over: the lines still pending, and the screen cleared of
    /// anything live, ready for the summary.
    mutating func close(_ run: RunState, lines: [String], now: Duration) -> String

    /// What to write when the process exits without closing (a second Ctrl-C): the terminal
    /// left as it was found.
    var restoration: String { get }
}
