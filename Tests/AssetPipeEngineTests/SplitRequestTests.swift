import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// A model that takes fewer images per request than a step asks for gets several requests, each
/// paced, budgeted and reported; the images already received are kept across models and runs.
@Suite struct SplitRequestTests {
    private let clock = VirtualClock()

    private func runner(_ builder: ManifestBuilder, _ provider: ScriptedProvider, caching: RunCaching? = nil) -> Runner {
        Runner(manifest: builder.manifest, clock: clock, environment: [:], providerFactory: { _, _ in provider },
               caching: caching, random: { 0.5 })
    }

    private func builder(n: Int, fallbacks: [String] = []) -> ManifestBuilder {
        var builder = ManifestBuilder()
        builder.provider("fake", retry: RetryPolicy(maxAttempts: 1))
        builder.step("icons", model: "fake:one-at-a-time", n: n, fallbacks: fallbacks)
        return builder
    }

    @Test func aStepAsksForItsImagesInRequestsTheModelTakes() async throws {
        let provider = ScriptedProvider(clock: clock, imageLimits: ["one-at-a-time": 1])
        let report = try await runner(builder(n: 3), provider).run()
        let outcome = try #require(report.outcome("icons"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.imageCount == 3)
        #expect(outcome.requests == 3)
        #expect(provider.calls.map(\.n) == [1, 1, 1])
        #expect(outcome.notes == ["n = 3 asked of fake:one-at-a-time in requests of at most 1: it takes at most 1 image per request"])
    }

    @Test func aFallbackWithASmallerLimitFinishesWhatThePrimaryStarted() async throws {
        let provider = ScriptedProvider(clock: clock, imageLimits: ["one-at-a-time": 1, "two-at-a-time": 2])
        provider.script("icons@one-at-a-time", [.success(1), .failure(ProviderError(.rejected, "no more today", httpStatus: 400))])
        let report = try await runner(builder(n: 4, fallbacks: ["fake:two-at-a-time"]), provider).run()
        let outcome = try #require(report.outcome("icons"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "fake", model: "two-at-a-time"))
        #expect(outcome.imageCount == 4)
        #expect(provider.calls.map { "\($0.model)×\($0.n)" } == ["one-at-a-time×1", "one-at-a-time×1", "two-at-a-time×2", "two-at-a-time×1"])
    }

    @Test func imagesReceivedBeforeAFailureAreNotPaidForAgainByTheNextRun() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("split-\(UUID().uuidString)")
        var builder = builder(n: 3)
        builder.outputDirectory = folder.appendingPathComponent("out")
        let caching = RunCaching.standard(manifest: builder.manifest, cacheDirectory: folder.appendingPathComponent("cache"))
        let failing = ScriptedProvider(clock: clock, imageLimits: ["one-at-a-time": 1])
        failing.script("icons", [.success(1), .success(1), .failure(ProviderError(.rejected, "try tomorrow", httpStatus: 400))])
        #expect(try await runner(builder, failing, caching: caching).run().failed == 1)

        let provider = ScriptedProvider(name: "next-run", clock: clock, imageLimits: ["one-at-a-time": 1])
        let outcome = try #require(try await runner(builder, provider, caching: caching).run().outcome("icons"))
        #expect(outcome.status == .succeeded)
        #expect(provider.calls.count == 1, "the two images already received were requested again")
        #expect(outcome.notes.first == "2 image(s) reused from an interrupted run")
        // The stored result holds the three images, the two kept ones and the new one.
        #expect(outcome.images.count == 3)
        #expect(Set(outcome.images.map(\.sha256)).count == 3)
    }
}
