/// How fast the steps that ask providers for images get through, and so how long the rest
/// will take.
///
/// The unit is the generating step: steps served from the cache finish in milliseconds and
/// would make a mostly-cached run promise to end in seconds, so they are left out of both the
/// rate and the work remaining. A step *settles* when it finishes after having started
/// (succeeded, failed or interrupted); a planned step that is skipped before starting (its
/// upstream failed, the budget or `--fail-fast` stopped it) is *withdrawn*: it leaves the work
/// remaining without counting as progress.
///
///     rate      = steps settled in the last `window` ÷ min(window, time since the first start)
///     remaining = max(planned − settled − withdrawn, steps in flight)
///     ETA       = remaining ÷ rate
///
/// The window lets the estimate follow a pace that changes over an hours-long run (a provider
/// that starts answering 429s slows everything); a shorter run uses all of it. No ETA is given
/// before `minimumSettled` steps have settled and `minimumSpan` has passed since the first
/// start: the first answers of a burst of parallel requests all arrive together and say little.
struct Throughput: Sendable, Equatable {
    static let window: Duration = .seconds(600)
    static let minimumSettled = 3
    static let minimumSpan: Duration = .seconds(10)
    /// No ETA is better than one of years: beyond this the estimate means nothing.
    static let longestETA: Duration = .seconds(100 * 3600)

    private(set) var firstStart: Duration?
    private(set) var settled = 0
    private(set) var withdrawn = 0
    /// When the steps of the last `window` settled, oldest first.
    private var recentSettles: [Duration] = []

    mutating func stepStarted(at now: Duration) {
        if firstStart == nil { firstStart = now }
    }

    mutating func stepSettled(at now: Duration) {
        settled += 1
        recentSettles.append(now)
        recentSettles.removeAll { $0 <= now - Self.window }
    }

    mutating func stepWithdrawn() {
        withdrawn += 1
    }

    /// Steps settled per second at `now`; nil before there is enough to go on.
    func stepsPerSecond(at now: Duration) -> Double? {
        guard let firstStart, settled >= Self.minimumSettled, now - firstStart >= Self.minimumSpan else { return nil }
        let span = min(Self.window, now - firstStart)
        let inWindow = recentSettles.count { $0 > now - Self.window }
        return Double(inWindow) / span.seconds
    }

    /// The time left for `planned` generating steps, `inFlight` of them under way.
    func eta(planned: Int, inFlight: Int, at now: Duration) -> Duration? {
        guard let rate = stepsPerSecond(at: now), rate > 0 else { return nil }
        let remaining = max(planned - settled - withdrawn, inFlight)
        let seconds = Double(remaining) / rate
        guard seconds <= Self.longestETA.seconds else { return nil }
        return .seconds(seconds)
    }
}
