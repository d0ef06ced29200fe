/// The time source for everything that waits: backoff, rate limiting, polling, simulated latency.
///
/// Injected so that the scheduler, retries and the rate limiter are tested deterministically
/// with a manual clock instead of real sleeps. Instants are durations since the clock's origin.
public protocol RunClock: Sendable {
    var now: Duration { get }
    /// Suspends until `now >= deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Duration) async throws
}

extension RunClock {
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}

/// Wall-clock time from a monotonic source.
public struct SystemClock: RunClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline, tolerance: nil)
    }
}
