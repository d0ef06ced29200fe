/// Paces the HTTP requests sent to one provider (requests per minute), shared by every step
/// that uses the provider. Every request goes through it: first attempts, retries and task polls.
public protocol RequestPacer: Sendable {
    /// Suspends until one more request may be sent.
    func acquire() async throws
    /// The provider pushed back (429, or a reset hint): hold every request to it for `delay`
    /// (when given) and slow the pace for a while, so parallel jobs do not stampede it again.
    func throttle(for delay: Duration?) async
}

/// For providers without a requests-per-minute limit.
public struct UnlimitedPacer: RequestPacer {
    public init() {}
    public func acquire() async throws {}
    public func throttle(for delay: Duration?) async {}
}
