import AssetPipeBasics
/// Paces requests to one provider: evenly spaced at `60 / requests_per_minute` seconds, so no
/// sliding 60-second window ever holds more than the limit and traffic is smooth rather than
/// bursts followed by idle waits. After a 429 it holds every request until the provider's
/// hinted time and then adds a penalty spacing that decays back as requests go through, so
/// twenty parallel jobs do not all hammer a rate-limited provider again at once.
///
/// Spacing follows the generic cell rate algorithm on actual send times: a request goes out
/// when the theoretical arrival time allows it, and that time moves on from the later of itself
/// and now. A process that was starved of CPU for a while therefore does not release every
/// overdue request at once.
public actor Pacer: RequestPacer {
    private let clock: any RunClock
    private let baseInterval: Duration
    private var penalty: Duration = .zero
    /// When the next request is due at the configured pace.
    private var theoreticalArrival: Duration = .zero
    private var holdUntil: Duration = .zero
    /// Send times of the last `requests_per_minute` requests: a hard guarantee for the sliding
    /// window on top of the spacing.
    private var recentSends: SlidingWindowLog?

    /// The smallest spacing applied after a 429 when no rate limit is configured.
    static let minimumPenalty: Duration = .milliseconds(250)
    static let maximumPenalty: Duration = .seconds(10)
    static let defaultHold: Duration = .seconds(1)
    /// How early a request may go out, to absorb timer slop without letting the pace drift.
    static let tolerance: Duration = .milliseconds(5)

    /// Told how long a request is held back whenever that changes (another request took the
    /// slot it was waiting for): what a live status shows as "waiting on a rate limit".
    private let onWait: (@Sendable (Duration) -> Void)?

    public init(requestsPerMinute: Int?, clock: any RunClock, onWait: (@Sendable (Duration) -> Void)? = nil) {
        self.clock = clock
        self.onWait = onWait
        self.baseInterval = requestsPerMinute.map { .seconds(60) / $0 } ?? .zero
        self.recentSends = requestsPerMinute.map { SlidingWindowLog(capacity: $0, window: .seconds(60)) }
    }

    public func acquire() async throws {
        var announced: Duration?
        while true {
            let now = clock.now
            let spacing = max(baseInterval, penalty)
            var earliest = max(theoreticalArrival - min(spacing / 2, Self.tolerance), holdUntil)
            if let windowOpens = recentSends?.earliestNextSend { earliest = max(earliest, windowOpens) }
            guard now >= earliest else {
                if announced != earliest { onWait?(earliest - now) }
                announced = earliest
                try await clock.sleep(until: earliest)
                continue
            }
            theoreticalArrival = max(theoreticalArrival, now) + spacing
            penalty = penalty * 0.9 < .milliseconds(10) ? .zero : penalty * 0.9
            recentSends?.record(now)
            return
        }
    }

    public func throttle(for delay: Duration?) async {
        holdUntil = max(holdUntil, clock.now + (delay ?? Self.defaultHold))
        penalty = min(max(penalty * 2, baseInterval * 2, Self.minimumPenalty), Self.maximumPenalty)
    }
}
