/// Paces requests to one provider: evenly spaced at `60 / requests_per_minute` seconds, so no
/// sliding 60-second window ever holds more than the limit and traffic is smooth rather than
/// bursts followed by idle waits. After a 429 it holds every request until the provider's
/// hinted time and then adds a penalty spacing that decays back as requests go through, so
/// twenty parallel jobs do not all hammer a rate-limited provider again at once.
public actor Pacer: RequestPacer {
    private let clock: any RunClock
    private let baseInterval: Duration
    private var penalty: Duration = .zero
    private var nextSlot: Duration = .zero
    private var holdUntil: Duration = .zero
    /// Send times of the last `requests_per_minute` requests: a hard guarantee for the sliding
    /// window even when a request that waited on a slot is released late.
    private var recentSends: SlidingWindowLog?

    /// The smallest spacing applied after a 429 when no rate limit is configured.
    static let minimumPenalty: Duration = .milliseconds(250)
    static let maximumPenalty: Duration = .seconds(10)
    static let defaultHold: Duration = .seconds(1)

    public init(requestsPerMinute: Int?, clock: any RunClock) {
        self.clock = clock
        self.baseInterval = requestsPerMinute.map { .seconds(60) / $0 } ?? .zero
        self.recentSends = requestsPerMinute.map { SlidingWindowLog(capacity: $0, window: .seconds(60)) }
    }

    public func acquire() async throws {
        while true {
            let slot = max(clock.now, nextSlot, holdUntil)
            nextSlot = slot + max(baseInterval, penalty)
            penalty = penalty * 0.9 < .milliseconds(10) ? .zero : penalty * 0.9
            if slot > clock.now { try await clock.sleep(until: slot) }
            // A throttle that arrived while this request waited moves it behind the hold.
            guard clock.now >= holdUntil else { continue }
            if let windowOpens = recentSends?.earliestNextSend, windowOpens > clock.now {
                try await clock.sleep(until: windowOpens)
                continue
            }
            recentSends?.record(clock.now)
            return
        }
    }

    public func throttle(for delay: Duration?) async {
        holdUntil = max(holdUntil, clock.now + (delay ?? Self.defaultHold))
        penalty = min(max(penalty * 2, baseInterval * 2, Self.minimumPenalty), Self.maximumPenalty)
    }
}
