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

/// Ctrl-C as a user presses it: the real binary, a real SIGINT.
@Suite struct InterruptTests {
    @Test func sigintStopsTheRunExits130AndLeavesNoPartialFiles() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: ChildProcess.executable.path), "the assetpipe binary is built with the tests")
        let steps = (0..<6).map { "{ \"id\": \"s\($0)\", \"prompt\": \"p\($0)\", \"outputs\": [ { \"path\": \"s\($0).png\" } ] }" }
        let manifest = try CLIHarness.writeManifest("""
        { "version": 1, "providers": { "local": { "api": "local", "latency_ms": 60000 } },
          "defaults": { "model": "local:studio", "size": "16x16" }, "steps": [ \(steps.joined(separator: ", ")) ] }
        """)
        let folder = manifest.deletingLastPathComponent()
        let child = try ChildProcess(["run", "pack.json", "--jobs", "2", "--verbose"], in: folder)
        // The first "started" line is printed by the run, after Ctrl-C is handled; steps take a
        // minute each, so none is done when the signal lands.
        #expect(try await child.waitForError(containing: " started", within: .seconds(20)), "\(child.errorText)")
        kill(child.process.processIdentifier, SIGINT)
        let (status, stderr) = try await child.finish(within: .seconds(20))
        #expect(status == AssetPipeCLI.ExitCode.interrupted, "\(stderr)")
        #expect(stderr.contains("interrupted"))
        let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        #expect(!files.contains { AtomicFile.isTemporaryFile(named: URL(fileURLWithPath: $0).lastPathComponent) })
        #expect(!files.contains { $0.hasPrefix("out/") }, "no step finished, so no output exists")
    }

    @Test func whatFinishedBeforeAnInterruptIsInTheLockfileSoTheNextRunDoesNotRedoIt() async throws {
        let manifest = try CLIHarness.writeManifest("""
        { "version": 1,
          "providers": { "fast": { "api": "local" }, "slow": { "api": "local", "latency_ms": 60000 } },
          "defaults": { "size": "16x16" },
          "steps": [ { "id": "quick", "model": "fast:studio", "prompt": "q", "outputs": [ { "path": "quick.png" } ] },
                     { "id": "long", "model": "slow:studio", "prompt": "l", "outputs": [ { "path": "long.png" } ] } ] }
        """)
        let folder = manifest.deletingLastPathComponent()
        let child = try ChildProcess(["run", "pack.json", "--no-progress"], in: folder)
        #expect(try await child.waitForError(containing: "✓ quick", within: .seconds(20)), "\(child.errorText)")
        // A CI job being cancelled: SIGTERM is an interrupt too.
        kill(child.process.processIdentifier, SIGTERM)
        let (status, stderr) = try await child.finish(within: .seconds(20))
        #expect(status == AssetPipeCLI.ExitCode.interrupted, "\(stderr)")
        #expect(!stderr.contains("lockfile was not written"), "\(stderr)")
        let lockfile = try Lockfile.load(from: folder.appendingPathComponent("pack.lock.json"))
        #expect(lockfile?.steps.keys.sorted() == ["quick"])
    }
}
