import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

@Suite struct BackoffTests {
    @Test func jitterStaysUnderTheExponentialCeilingWhichIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoffSeconds: 1, maxBackoffSeconds: 10)
        let highest = Backoff(policy: policy, random: { 0.999_999 })
        #expect(highest.delay(afterAttempt: 1, retryAfter: nil) < .seconds(1))
        #expect(highest.delay(afterAttempt: 3, retryAfter: nil) < .seconds(4))
        #expect(highest.delay(afterAttempt: 9, retryAfter: nil) < .seconds(10))
        #expect(Backoff(policy: policy, random: { 0 }).delay(afterAttempt: 5, retryAfter: nil) == .zero)
    }

    @Test func neverWaitsLessThanRetryAfterEvenBeyondTheCap() {
        let backoff = Backoff(policy: RetryPolicy(maxAttempts: 3, initialBackoffSeconds: 1, maxBackoffSeconds: 2), random: { 0.5 })
        #expect(backoff.delay(afterAttempt: 1, retryAfter: .seconds(90)) == .seconds(90))
    }
}
