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

/// `clean` removes what nothing refers to any more and keeps what the lockfile needs.
@Suite struct IncrementalCleanTests {
    /// A pack whose `mid` prompt changed after its first run, so the first `mid` and `top`
    /// generations are no longer referenced, plus a temporary a killed write left in `out/`.
    private func packWithLeftovers() async throws -> (pack: Pack, stale: [URL], stray: URL) {
        var manifest = PackManifest.standard
        let pack = try Pack(manifest)
        #expect(await pack.run().code == 0)
        let cache = GenerationCache(directory: pack.cacheFolder)
        var stale: [URL] = []
        for id in ["mid", "top"] {
            let locked = try #require(try pack.locked(id))
            stale.append(try cache.recordURL(for: locked.key))
            stale += try locked.images.map { try #require(cache.blobs.url(for: $0.sha256)) }
        }
        manifest["mid"].prompt = "the lighthouse at dusk"
        try pack.write(manifest)
        #expect(await pack.run().requests == ["mid", "top"])
        let stray = pack.outputFolder.appendingPathComponent(".mid.jpg\(AtomicFile.temporaryFileMarker)1a2b3c4d")
        try Data("half an image".utf8).write(to: stray)
        #expect(stale.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        return (pack, stale, stray)
    }

    @Test func aDryRunListsWhatWouldGoAndRemovesNothing() async throws {
        let (pack, stale, stray) = try await packWithLeftovers()
        let cacheBefore = try FileState.files(under: pack.cacheFolder)
        let outputsBefore = try pack.outputFiles()

        let result = await pack.command("clean", ["--dry-run"])
        #expect(result.code == 0, "\(result.errorText)")
        for url in stale {
            #expect(result.output.contains { $0.hasPrefix("would remove ") && $0.contains(url.path) }, "\(url.path) not listed")
        }
        #expect(result.output.contains { $0.hasPrefix("would remove temporary ") && $0.hasSuffix("out/\(stray.lastPathComponent) (13 bytes)") })
        #expect(result.output.count == stale.count + 1, "\(result.output)")
        #expect(try FileState.files(under: pack.cacheFolder) == cacheBefore)
        #expect(try pack.outputFiles() == outputsBefore)
    }

    @Test func cleanRemovesUnreferencedEntriesAndStrayTemporariesAndKeepsWhatTheLockfileNeeds() async throws {
        let (pack, stale, stray) = try await packWithLeftovers()
        let outputs = try pack.outputFiles().filter { !AtomicFile.isTemporaryFile(named: $0.key) }

        let result = await pack.command("clean")
        #expect(result.code == 0, "\(result.errorText)")
        #expect(result.output.count == stale.count + 1)
        #expect(stale.allSatisfy { !FileManager.default.fileExists(atPath: $0.path) })
        #expect(!FileManager.default.fileExists(atPath: stray.path))

        let cache = GenerationCache(directory: pack.cacheFolder)
        for (id, locked) in try #require(try pack.lockfile()).steps {
            let record = try #require(cache.record(for: locked.key), "\(id)'s record is kept")
            #expect(cache.images(for: record) != nil, "\(id)'s images are kept")
        }
        let run = await pack.run()
        #expect(run.requests.isEmpty)
        #expect(run.progress.cached == PackManifest.standard.stepIDs)
        #expect(try pack.outputFiles() == outputs, "outputs untouched, the stray temporary gone")
        #expect(await pack.command("clean").output.isEmpty, "nothing left to clean")
    }
}
