import Foundation
import AssetPipeManifest

/// Exponential backoff with full jitter: attempt k waits a uniformly random time in
/// `[0, min(max_backoff, initial · 2^(k-1))]`, so many jobs failing together spread their retries
/// out, and never less than what the provider asked for (`Retry-After`).
public struct Backoff: Sendable {
    public var policy: RetryPolicy
    /// A uniform random number in `[0, 1)`; injected so tests are repeatable.
    public var random: @Sendable () -> Double

    public init(policy: RetryPolicy, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.policy = policy
        self.random = random
    }

    /// The wait before attempt `failedAttempt + 1`.
    public func delay(afterAttempt failedAttempt: Int, retryAfter: Duration?) -> Duration {
        let exponent = Double(min(max(failedAttempt - 1, 0), 30))
        let ceiling = min(policy.maxBackoffSeconds, policy.initialBackoffSeconds * pow(2, exponent))
        let jittered = Duration.seconds(ceiling * random())
        return max(jittered, retryAfter ?? .zero)
    }
}
