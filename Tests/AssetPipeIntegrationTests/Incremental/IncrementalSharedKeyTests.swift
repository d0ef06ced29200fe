import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// Steps whose generation inputs are identical share a cache key, yet each keeps the images it
/// got: the lockfile, not the shared cache record, says what a step produced.
@Suite struct IncrementalSharedKeyTests {
    @Test func twoIdenticalStepsKeepTheirOwnImagesAndANoChangeRerunPaysNothing() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        for id in ["take-1", "take-2"] {
            builder.steps.append(Step(id: id, model: ModelRef(provider: "fake", model: "m"), prompt: "the same prompt"))
        }
        builder.step("edit", inputs: ["take-1"])
        let manifest = builder.manifest
        let provider = ScriptedProvider(clock: VirtualClock())
        let caching = RunCaching(cache: GenerationCache(directory: builder.outputDirectory.appendingPathComponent("cache")),
                                 lockfileURL: builder.outputDirectory.appendingPathComponent("pack.lock.json"),
                                 outputStats: OutputStatCache(stateFile: builder.outputDirectory.appendingPathComponent("hashes.json")),
                                 timestamp: { "2026-11-21T00:00:00Z" })
        let runner = Runner(manifest: manifest, clock: VirtualClock(), environment: [:],
                            providerFactory: { _, _ in provider }, caching: caching)
        _ = try await runner.run()
        let lockfile = try Data(contentsOf: caching.lockfileURL)
        #expect(provider.calls.count == 3)

        let second = try await runner.run()
        #expect(provider.calls.count == 3, "nothing is requested again")
        #expect(second.outcomes.allSatisfy { $0.source == .cache })
        #expect(try Data(contentsOf: caching.lockfileURL) == lockfile)
        let locked = try #require(try Lockfile.load(from: caching.lockfileURL))
        #expect(locked.steps["take-1"]?.images != locked.steps["take-2"]?.images)
    }
}
