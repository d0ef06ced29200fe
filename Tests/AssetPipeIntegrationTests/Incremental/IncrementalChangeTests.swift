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

/// A changed manifest costs exactly the requests its changes need: a prompt change regenerates
/// that step and what is downstream of it, an output-setting change only re-renders that file,
/// and `--force` regenerates on request.
@Suite struct IncrementalChangeTests {
    /// A pack after its first full run.
    private func builtPack(_ manifest: PackManifest = .standard) async throws -> Pack {
        let pack = try Pack(manifest)
        let first = await pack.run()
        #expect(first.code == 0, "\(first.errorText)")
        #expect(first.requests.count == manifest.steps.count)
        return pack
    }

    /// The files whose bytes or mtime differ between two snapshots.
    private func touched(_ before: [String: FileState], _ after: [String: FileState]) -> Set<String> {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    @Test func aPromptChangeRegeneratesThatStepAndEveryStepDownstreamOfItAndNothingElse() async throws {
        var manifest = PackManifest.standard
        let pack = try await builtPack(manifest)
        let before = try pack.outputFiles()
        let lockedBefore = try #require(try pack.lockfile())

        manifest["mid"].prompt = "the lighthouse at dusk"
        try pack.write(manifest)
        let plan = await pack.command("plan")
        #expect(plan.planLabels == ["base": "cached", "mid": "changed (prompt)", "top": "changed (upstream mid)", "other": "cached"])
        #expect(plan.output.last == "4 steps: 2 cached, 0 outputs only, 2 to generate · 0 paid requests")

        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests == ["mid", "top"])
        #expect(run.progress.generated == ["mid", "top"])
        #expect(run.progress.cached == ["base", "other"])
        #expect(touched(before, try pack.outputFiles()) == ["mid.jpg", "top.png"])
        let lockedAfter = try #require(try pack.lockfile())
        #expect(lockedAfter.steps["base"] == lockedBefore.steps["base"])
        #expect(lockedAfter.steps["other"] == lockedBefore.steps["other"])
        #expect(lockedAfter.steps["mid"]?.key != lockedBefore.steps["mid"]?.key)
        #expect(lockedAfter.steps["top"]?.key != lockedBefore.steps["top"]?.key, "top edits a new image, so its key changed too")

        let again = await pack.run()
        #expect(again.requests.isEmpty)
    }

    @Test func aChangeAtTheRootRegeneratesTheWholeChainTransitively() async throws {
        var manifest = PackManifest.standard
        let pack = try await builtPack(manifest)
        manifest["base"].prompt = "a lighthouse on a rock"
        try pack.write(manifest)
        let plan = await pack.command("plan")
        #expect(plan.planLabels == ["base": "changed (prompt)", "mid": "changed (upstream base)", "top": "changed (upstream mid)",
                                    "other": "cached"])
        let run = await pack.run()
        #expect(run.requests == ["base", "mid", "top"])
    }

    @Test func anOutputFormatChangeReTranscodesFromTheCachedOriginalWithZeroRequests() async throws {
        var manifest = PackManifest.standard
        let pack = try await builtPack(manifest)
        let before = try pack.outputFiles()

        manifest["base"].outputs[1] = #"{ "path": "thumbs/base.webp", "format": "png", "resize": "16x16" }"#
        try pack.write(manifest)
        let plan = await pack.command("plan")
        #expect(plan.planLabels == ["base": "outputs only (format)", "mid": "cached", "top": "cached", "other": "cached"])
        #expect(plan.output.last == "4 steps: 3 cached, 1 outputs only, 0 to generate · 0 paid requests")

        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests.isEmpty)
        #expect(run.progress.rerendered == ["base"])
        let after = try pack.outputFiles()
        #expect(touched(before, after) == ["thumbs/base.webp"], "base.png is not rewritten: only the stale output is")
        let written = try #require(after["thumbs/base.webp"]?.bytes)
        let header = try ImageCodec.header(of: written)
        #expect((header.format, header.width, header.height) == (.png, 16, 16))
        #expect(try pack.locked("base")?.outputs["thumbs/base.webp"]?.settings == "png fit 16x16")
        #expect(try pack.locked("base")?.outputs["thumbs/base.webp"]?.sha256 == SHA256.hex(written))

        let again = await pack.run()
        #expect(again.requests.isEmpty && again.progress.cached == manifest.stepIDs)
    }

    @Test func aQualityOrResizeChangeReRendersOnlyThatOutputWithZeroRequests() async throws {
        var manifest = PackManifest.standard
        let pack = try await builtPack(manifest)
        let before = try pack.outputFiles()

        manifest["mid"].outputs[0] = #"{ "path": "mid.jpg", "quality": 60 }"#
        manifest["base"].outputs[1] = #"{ "path": "thumbs/base.webp", "quality": 80, "resize": "8x8" }"#
        try pack.write(manifest)
        let plan = await pack.command("plan")
        #expect(plan.planLabels["mid"] == "outputs only (settings)")
        #expect(plan.planLabels["base"] == "outputs only (settings)")
        #expect(plan.planLabels["top"] == "cached", "re-encoding mid's output does not change the image top edits")

        let run = await pack.run()
        #expect(run.requests.isEmpty)
        #expect(run.progress.rerendered == ["base", "mid"])
        #expect(touched(before, try pack.outputFiles()) == ["mid.jpg", "thumbs/base.webp"])
    }

    @Test func forceRegeneratesEverythingDespiteTheCache() async throws {
        let pack = try await builtPack()
        let run = await pack.run(["--force"])
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests == ["base", "mid", "other", "top"])
        #expect(run.progress.generated == PackManifest.standard.stepIDs)
    }

    @Test func forceWithAnIDRegeneratesThatStepAndItsDependentsOnly() async throws {
        let pack = try await builtPack()
        let run = await pack.run(["--force", "mid"])
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests == ["mid", "top"])
        #expect(run.progress.cached == ["base", "other"])
        let listed = await pack.run(["--force=other,top"])
        #expect(listed.requests == ["other", "top"])
        let plain = await pack.run()
        #expect(plain.requests.isEmpty, "forcing is not sticky")
    }
}
