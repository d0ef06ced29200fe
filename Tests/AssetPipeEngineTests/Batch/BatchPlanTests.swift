import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// Which steps go through batches, and in which wave: a wave holds what the waves before it
/// unlock, so an edit chain waits for one batch per link and never for a batch it feeds.
@Suite struct BatchPlanTests {
    /// `roots` → `edit` → `polish`, plus a step on a provider that is not OpenAI's and one that
    /// edits its output.
    private var builder: ManifestBuilder {
        var builder = ManifestBuilder()
        builder.provider("openai")
        builder.step("hero", model: "openai:gpt-image-1")
        builder.step("icon", model: "openai:gpt-image-1")
        builder.step("hero-night", model: "openai:gpt-image-1", inputs: ["hero"])
        builder.step("hero-night-rain", model: "openai:gpt-image-1", inputs: ["hero-night"])
        builder.step("offline", model: "local:any")
        builder.step("offline-edit", model: "openai:gpt-image-1", inputs: ["offline"])
        return builder
    }

    private func plan(_ builder: ManifestBuilder, _ mode: BatchOptions.Mode, generating: Set<String>? = nil) throws -> [String: Int] {
        let manifest = builder.manifest
        let steps = try StepGraph(steps: manifest.steps).ordered
        return BatchPlan(manifest: manifest, steps: steps, generating: generating ?? Set(steps.map(\.id)),
                         options: BatchOptions(mode: mode)).waves
    }

    @Test func eachLinkOfAChainIsTheWaveAfterTheOneItEdits() throws {
        let waves = try plan(builder, .all)
        #expect(waves == ["hero": 1, "icon": 1, "hero-night": 2, "hero-night-rain": 3, "offline-edit": 1])
    }

    @Test func stepsOnOtherProvidersAreNotBatchedAndDoNotDelayTheFirstWave() throws {
        #expect(try plan(builder, .all)["offline"] == nil)
    }

    @Test func aStepAfterASynchronousStepAfterABatchedOneWaitsForThatBatch() throws {
        var builder = builder
        builder.step("sync-after-batch", model: "local:any", inputs: ["hero"])
        builder.step("batched-after-that", model: "openai:gpt-image-1", inputs: ["sync-after-batch"])
        let waves = try plan(builder, .all)
        #expect(waves["batched-after-that"] == 2, "it cannot join wave 1, whose hero it needs through sync-after-batch")
    }

    @Test func rootsBatchesOnlyStepsThatTakeNoImageGeneratedInThisRun() throws {
        let waves = try plan(builder, .roots)
        #expect(waves == ["hero": 1, "icon": 1])
    }

    @Test func anUpstreamServedFromTheCacheDoesNotHoldAStepBack() throws {
        let waves = try plan(builder, .all, generating: ["hero-night", "hero-night-rain"])
        #expect(waves == ["hero-night": 1, "hero-night-rain": 2])
    }

    @Test func withoutTheFlagOnlyProvidersAndStepsThatAskAreBatched() throws {
        var builder = builder
        #expect(try plan(builder, .off).isEmpty)
        builder.providers["openai"]?.batch = true
        builder.steps[1].batch = false
        let waves = try plan(builder, .off)
        #expect(waves["hero"] == 1 && waves["icon"] == nil, "a step's own batch: false wins over its provider's")
    }

    @Test func variationsAreNeverBatched() throws {
        var builder = builder
        builder.steps[0].operation = .variation
        #expect(try plan(builder, .all)["hero"] == nil)
    }

    @Test func linesAreCutWhereOneMoreWouldPassALimit() {
        let line = { (id: String) in
            BatchLine(customID: id, endpoint: .generations, model: "gpt-image-1", body: .object([("model", .string("gpt-image-1"))]),
                      notes: [], imageCount: 1, pixelSize: PixelSize(width: 1024, height: 1024))
        }
        let items = (0..<7).map { (entry: $0, line: line("k\($0)")) }
        let byLines = BatchCoordinator.chunks(items, limits: BatchLimits(maxLines: 3, maxInputBytes: .max, maxOutputBytes: .max))
        #expect(byLines.map { $0.map(\.entry) } == [[0, 1, 2], [3, 4, 5], [6]])
        let oneLineBytes = items[0].line.encoded.count
        let byInput = BatchCoordinator.chunks(items, limits: BatchLimits(maxLines: 100, maxInputBytes: oneLineBytes * 2,
                                                                         maxOutputBytes: .max))
        #expect(byInput.map(\.count) == [2, 2, 2, 1])
        let byOutput = BatchCoordinator.chunks(items, limits: BatchLimits(maxLines: 100, maxInputBytes: .max,
                                                                          maxOutputBytes: items[0].line.expectedAnswerBytes * 4))
        #expect(byOutput.map(\.count) == [4, 3])
    }
}
