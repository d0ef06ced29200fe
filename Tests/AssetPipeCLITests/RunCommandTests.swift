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

/// `assetpipe run` as a user runs it: the quickstart on the offline provider, exit codes, and
/// what the log says.
@Suite struct RunCommandTests {
    private let cli = CLIHarness()

    private func files(in folder: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard !url.hasDirectoryPath else { continue }
            found[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return found
    }

    @Test func theQuickstartWritesEveryOutputDecodableInItsFormatAndSizeAndIdenticallyTwice() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quickstart-\(UUID().uuidString)")
        let first = await cli.run(["run", try CLIHarness.copyOfExample("quickstart.json").path, "--output-dir", folder.path + "/a"])
        #expect(first.code == 0, "\(first.errorText)")
        #expect(first.errors.last?.hasPrefix("finished: 5 done, 0 failed, 0 skipped · 11 files written · 5 requests · ") == true)
        let outputs = try files(in: folder.appendingPathComponent("a"))
        let expected: [String: (ImageFormat, Int, Int, Bool)] = [
            "balloon.png": (.png, 1024, 1024, true), "thumbs/balloon.webp": (.webp, 256, 256, true),
            "balloon.jpg": (.jpeg, 1024, 1024, false), "balloon-snow.webp": (.webp, 1024, 1024, true),
            "balloon-night.jpg": (.jpeg, 1024, 1024, false), "thumbs/balloon-night.png": (.png, 256, 256, true),
            "icons/sword-0.png": (.png, 512, 512, false), "icons/sword-1.png": (.png, 512, 512, false),
            "icons/sword-2.png": (.png, 512, 512, false), "banner.webp": (.webp, 1536, 1024, false),
            "thumbs/banner.jpg": (.jpeg, 384, 256, false),
        ]
        #expect(Set(outputs.keys) == Set(expected.keys))
        for (path, (format, width, height, alpha)) in expected {
            let data = try #require(outputs[path])
            let image = try ImageCodec.decode(data)
            #expect(ImageCodec.sniff(data) == format, "\(path)")
            #expect((image.width, image.height, image.hasAlpha) == (width, height, alpha), "\(path)")
            if alpha {
                let alphas = stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] }
                #expect(alphas.contains(0) && alphas.contains(255), "\(path) has real transparency")
            }
        }
        // Another copy has its own cache: everything is generated again, from scratch.
        let second = await cli.run(["run", try CLIHarness.copyOfExample("quickstart.json").path, "--output-dir", folder.path + "/b", "--quiet"])
        #expect(second.code == 0)
        #expect(second.errors.isEmpty, "quiet prints nothing when all is well")
        #expect(try files(in: folder.appendingPathComponent("b")) == outputs, "byte-identical on a second run")
    }

    @Test func aFailedStepExitsOneSkipsItsDependentsAndSaysWhy() async throws {
        let manifest = try CLIHarness.writeManifest("""
        { "version": 1, "defaults": { "model": "local:studio", "size": "32x32" },
          "steps": [
            { "id": "small", "prompt": "a", "outputs": [ { "path": "small.png" } ] },
            { "id": "mask", "prompt": "m", "size": "16x16", "background": "transparent" },
            { "id": "edit", "prompt": "e", "image": "@small", "mask": "@mask", "outputs": [ { "path": "edit.png" } ] },
            { "id": "after", "prompt": "f", "image": "@edit", "outputs": [ { "path": "after.png" } ] }
          ] }
        """)
        let result = await cli.run(["run", manifest.path])
        #expect(result.code == AssetPipeCLI.ExitCode.stepFailed)
        #expect(result.errors.contains { $0.contains("✗ edit") && $0.contains("mask is 16x16 but the image is 32x32") })
        #expect(result.errors.contains("  - after  skipped: upstream 'edit' failed"))
        #expect(result.errors.last?.hasPrefix("failed: 2 done, 1 failed, 1 skipped · 1 file written · 3 requests") == true)
    }

    @Test func onlyRunsTheNamedStepsAndWhatTheyNeedAndRejectsUnknownIDs() async throws {
        let manifest = try CLIHarness.writeManifest("""
        { "version": 1, "defaults": { "model": "local:studio", "size": "16x16" },
          "steps": [ { "id": "base", "prompt": "a" }, { "id": "edit", "prompt": "b", "image": "@base" },
                     { "id": "other", "prompt": "c", "outputs": [ { "path": "other.png" } ] } ] }
        """)
        let result = await cli.run(["run", manifest.path, "--only", "edit"])
        #expect(result.code == 0)
        #expect(result.errors.contains { $0.contains("✓ base") })
        #expect(!result.errors.contains { $0.contains("other") })
        let unknown = await cli.run(["run", manifest.path, "--only", "edti"])
        #expect(unknown.code == AssetPipeCLI.ExitCode.invalidInput)
        #expect(unknown.errorText.contains("--only: no step 'edti' in the manifest; did you mean \"edit\"?"))
    }
}
