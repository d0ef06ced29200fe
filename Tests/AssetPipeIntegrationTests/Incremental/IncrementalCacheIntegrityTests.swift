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

/// The cache is trusted only as far as its hashes check out, and a checkout without any cache
/// (committed outputs and lockfile) is as good as a warm one.
@Suite struct IncrementalCacheIntegrityTests {
    enum Damage: CaseIterable {
        case flippedByte, truncated

        func apply(to url: URL) throws {
            var data = try Data(contentsOf: url)
            switch self {
            case .flippedByte: data[data.count / 2] ^= 0xFF
            case .truncated: data = data.prefix(data.count / 2)
            }
            try data.write(to: url)
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedBlobIsNeverServedTheStepIsRegeneratedInstead(_ damage: Damage) async throws {
        var manifest = PackManifest.standard
        let pack = try Pack(manifest)
        #expect(await pack.run().code == 0)
        let original = try #require(try pack.locked("other"))
        try damage.apply(to: try #require(try pack.blob(of: "other")))

        manifest["other"].outputs = [#"{ "path": "other.png", "format": "webp", "lossless": true }"#]
        try pack.write(manifest)
        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests == ["other"], "the damaged original is a miss: one request")
        #expect(run.progress.generated == ["other"])

        let written = try Data(contentsOf: pack.outputFolder.appendingPathComponent("other.png"))
        let header = try ImageCodec.header(of: written)
        #expect((header.format, header.width, header.height) == (.webp, 32, 32))
        let clean = try Pack(manifest)
        #expect(await clean.run().code == 0)
        #expect(written == (try Data(contentsOf: clean.outputFolder.appendingPathComponent("other.png"))),
                "the output equals a clean run's, not something decoded from damaged bytes")
        #expect(try pack.locked("other")?.images == original.images, "the same image, stored again intact")
        let blob = try Data(contentsOf: try #require(try pack.blob(of: "other")))
        #expect(SHA256.hex(blob) == original.images.first?.sha256)
    }

    @Test func aDamagedUpstreamBlobIsRegeneratedWhenADependentNeedsIt() async throws {
        var manifest = PackManifest.standard
        let pack = try Pack(manifest)
        #expect(await pack.run().code == 0)
        try Damage.flippedByte.apply(to: try #require(try pack.blob(of: "mid")))

        manifest["top"].prompt = "the night scene in fog"
        try pack.write(manifest)
        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests == ["mid", "top"], "the edit gets mid's true original, regenerated, never the damaged bytes")
        let clean = try Pack(manifest)
        #expect(await clean.run().code == 0)
        #expect(FileState.contents(try pack.outputFiles()) == FileState.contents(try clean.outputFiles()))
    }

    @Test func aCheckoutWithOutputsAndLockfileButNoCacheIsUpToDate() async throws {
        let pack = try Pack(.standard)
        #expect(await pack.run().code == 0)
        let outputs = try pack.outputFiles()
        try FileManager.default.removeItem(at: pack.cacheFolder)

        let plan = await pack.command("plan", ["--check"])
        #expect(plan.code == 0)
        #expect(plan.planLabels == ["base": "cached", "mid": "cached", "top": "cached", "other": "cached"])
        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests.isEmpty)
        #expect(run.progress.cached == PackManifest.standard.stepIDs)
        #expect(try pack.outputFiles() == outputs)
    }

    @Test func inACheckoutWithoutCacheAChangedEditAlsoRegeneratesTheUpstreamOriginalsItNeeds() async throws {
        var manifest = PackManifest.standard
        let pack = try Pack(manifest)
        #expect(await pack.run().code == 0)
        try FileManager.default.removeItem(at: pack.cacheFolder)

        manifest["top"].prompt = "the night scene in fog"
        try pack.write(manifest)
        let plan = await pack.command("plan")
        #expect(plan.planLabels["other"] == "cached")
        let promoted = "cache missing (an edit needs the original image)"
        #expect(plan.planLabels["base"] == promoted && plan.planLabels["mid"] == promoted, "not 'forced': nobody forced them")
        #expect(plan.planLabels["top"] == "changed (upstream mid)")
        #expect(plan.output.last == "4 steps: 1 cached, 0 outputs only, 3 to generate · 0 paid requests")

        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.requests == ["base", "mid", "top"], "top edits mid's original, which edits base's: both are generated again")
        let clean = try Pack(manifest)
        #expect(await clean.run().code == 0)
        #expect(FileState.contents(try pack.outputFiles()) == FileState.contents(try clean.outputFiles()))
        #expect(try JSONValue.lockfileIgnoringTimestamps(at: pack.lockfileURL) == JSONValue.lockfileIgnoringTimestamps(at: clean.lockfileURL))
    }
}
