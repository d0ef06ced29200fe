import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// How a step survives flaky providers: which errors are retried, how long it waits, and when
/// it moves on to a fallback model.
@Suite struct RetryAndFallbackTests {
    private let clock = VirtualClock()

    private func run(_ builder: ManifestBuilder, _ providers: [String: ScriptedProvider],
                     observer: EventRecorder = EventRecorder()) async throws -> RunReport {
        try await Runner(manifest: builder.manifest, clock: clock, observer: observer, environment: [:],
                         providerFactory: { config, _ in try #require(providers[config.name]) }, random: { 0.5 }).run()
    }

    private func single(maxAttempts: Int = 3, fallbacks: [String] = []) -> ManifestBuilder {
        var builder = ManifestBuilder()
        builder.provider("fake", retry: RetryPolicy(maxAttempts: maxAttempts, initialBackoffSeconds: 1, maxBackoffSeconds: 8))
        builder.provider("other", retry: RetryPolicy(maxAttempts: maxAttempts))
        builder.step("hero", fallbacks: fallbacks)
        return builder
    }

    @Test func waitsAtLeastAsLongAsRetryAfterSays() async throws {
        let provider = ScriptedProvider(clock: clock)
        provider.script("hero", [.failure(ProviderError(.rateLimited, "Rate limit reached", httpStatus: 429, retryAfter: .seconds(20)))])
        let recorder = EventRecorder()
        let report = try await run(single(), ["fake": provider], observer: recorder)
        #expect(report.outcome("hero")?.status == .succeeded)
        #expect(report.outcome("hero")?.requests == 2)
        let times = provider.calls.map(\.time)
        #expect(times.count == 2 && times[1] - times[0] >= .seconds(20))
        #expect(recorder.retries.map(\.attempt) == [2])
    }

    @Test func backsOffExponentiallyWithJitterBetweenRetries() async throws {
        let provider = ScriptedProvider(clock: clock)
        let unavailable = ProviderError(.server, "Service Unavailable", httpStatus: 503)
        provider.script("hero", [.failure(unavailable), .failure(unavailable), .failure(unavailable)])
        let report = try await run(single(maxAttempts: 4), ["fake": provider])
        #expect(report.outcome("hero")?.requests == 4)
        // With the jitter source fixed at 0.5: half of 1 s, 2 s, 4 s.
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test(arguments: [
        ProviderError(.rejected, "Your request was rejected as a result of our safety system.", httpStatus: 400),
        ProviderError(.authentication, "Incorrect API key provided.", httpStatus: 401),
        ProviderError(.quotaExhausted, "You exceeded your current quota.", httpStatus: 429),
    ])
    func neverRetriesWhatCannotSucceedOnARetry(error: ProviderError) async throws {
        let provider = ScriptedProvider(clock: clock)
        provider.script("hero", [.failure(error)])
        let report = try await run(single(), ["fake": provider])
        #expect(provider.calls.count == 1)
        #expect(report.failed == 1)
    }

    @Test func givesUpAfterMaxAttemptsAndSaysSo() async throws {
        let provider = ScriptedProvider(clock: clock)
        let down = ProviderError(.network, "connection refused")
        provider.script("hero", [.failure(down), .failure(down), .failure(down)])
        let report = try await run(single(maxAttempts: 3), ["fake": provider])
        guard case let .failed(reason) = report.outcome("hero")?.status else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason == "fake:model-a failed after 3 attempts: connection refused")
    }

    @Test func fallsBackInOrderAndReportsWhichModelProducedTheImages() async throws {
        let primary = ScriptedProvider(clock: clock)
        let other = ScriptedProvider(name: "other", clock: clock)
        primary.script("hero", [.failure(ProviderError(.rejected, "Unknown parameter: 'style'.", httpStatus: 400))])
        other.script("hero@first", [.failure(ProviderError(.quotaExhausted, "You exceeded your current quota.", httpStatus: 429))])
        let recorder = EventRecorder()
        let report = try await run(single(fallbacks: ["other:first", "other:second"]), ["fake": primary, "other": other],
                                   observer: recorder)
        let outcome = try #require(report.outcome("hero"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "other", model: "second"))
        #expect(recorder.fallbacks.map(\.to.description) == ["other:first", "other:second"])
        #expect(outcome.notes.count == 2)
        #expect(outcome.notes.first?.contains("Unknown parameter: 'style'.") == true)
    }

    @Test func aBadKeyDoesNotFallBackToAnotherProvider() async throws {
        let primary = ScriptedProvider(clock: clock)
        let other = ScriptedProvider(name: "other", clock: clock)
        primary.script("hero", [.failure(ProviderError(.authentication, "Incorrect API key provided.", httpStatus: 401))])
        let report = try await run(single(fallbacks: ["other:first"]), ["fake": primary, "other": other])
        #expect(report.failed == 1)
        #expect(other.calls.isEmpty)
    }
}
