import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// The events a live status and an events file are folded from: the run's size first, each
/// request as it ends with what followed it, and each wait on a provider's pace.
@Suite struct RunEventsTests {
    private let clock = VirtualClock()

    /// A scripted provider behind its provider's pacer, as the HTTP providers are.
    private struct PacedProvider: ImageProvider {
        var inner: ScriptedProvider
        var pacer: any RequestPacer
        func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
            try await pacer.acquire()
            return try await inner.generate(request)
        }
        func maxImagesPerRequest(for model: String) -> Int? { nil }
    }

    private func run(_ builder: ManifestBuilder, _ provider: ScriptedProvider, recorder: EventRecorder) async throws -> RunReport {
        try await Runner(manifest: builder.manifest, clock: clock, observer: recorder, environment: [:],
                         providerFactory: { _, context in PacedProvider(inner: provider, pacer: context.pacer) },
                         random: { 0.5 }).run()
    }

    @Test func theRunStartsWithItsSizeAndEveryRequestEndsWithWhatFollowedIt() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake", retry: RetryPolicy(maxAttempts: 2, initialBackoffSeconds: 1, maxBackoffSeconds: 1))
        builder.step("hero", n: 2, fallbacks: ["fake:model-b"])
        builder.step("icon")
        let provider = ScriptedProvider(clock: clock)
        let busy = ProviderError(.server, "busy", httpStatus: 503)
        provider.script("hero", [.failure(busy), .failure(busy)])
        let recorder = EventRecorder()
        let report = try await run(builder, provider, recorder: recorder)

        guard case let .runStarted(start)? = recorder.events.first else {
            Issue.record("the first event is not the run's start: \(recorder.events.first.map { "\($0)" } ?? "none")")
            return
        }
        #expect(start == RunStart(steps: 2, images: 3, stepsToGenerate: 2, estimatedCost: 0))
        let heroAttempts = recorder.events.compactMap { event -> AttemptRecord? in
            if case let .attemptFinished("hero", record) = event { record } else { nil }
        }
        #expect(heroAttempts.map(\.disposition) == [.retried, .fellBack, .succeeded])
        #expect(heroAttempts.map(\.model.model) == ["model-a", "model-a", "model-b"])
        #expect(heroAttempts.map(\.httpStatus) == [503, 503, nil])
        #expect(heroAttempts.map(\.attempt) == [1, 2, 1])
        #expect(report.outcome("hero")?.attempts == heroAttempts)
        #expect(report.outcome("hero")?.fallbacks.map { "\($0.from) → \($0.to): \($0.reason)" } == ["fake:model-a → fake:model-b: busy"])
    }

    @Test func aRequestHeldBackByTheProvidersPaceIsAnnouncedForItsStep() async throws {
        var builder = ManifestBuilder()
        builder.providers["fake"] = ProviderConfig(name: "fake", api: .openai, baseURL: URL(string: "https://example.invalid/v1"),
                                                   requestsPerMinute: 30)
        builder.step("first")
        builder.step("second", inputs: ["first"])
        let recorder = EventRecorder()
        _ = try await run(builder, ScriptedProvider(clock: clock), recorder: recorder)
        let waits = recorder.events.compactMap { event -> (String, String, Duration)? in
            if case let .waitingForRateLimit(step, provider, delay) = event { (step, provider, delay) } else { nil }
        }
        #expect(waits.map(\.0) == ["second"])
        #expect(waits.map(\.1) == ["fake"])
        #expect(waits.first.map { $0.2 > .seconds(1) && $0.2 <= .seconds(2) } == true)
    }
}
