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

/// A run killed with SIGKILL at any moment loses nothing that was stored: the next run reuses
/// every stored generation, asks only for the rest, and ends with the lockfile an uninterrupted
/// run writes.
@Suite struct IncrementalCrashTests {
    /// Twelve steps on a slow-ish `local` provider: three edit chains of three and three singles.
    static var chains: PackManifest {
        var steps: [PackManifest.StepSpec] = []
        let formats = ["png", "jpg", "webp"]
        for chain in ["a", "b", "c"] {
            for link in 1...3 {
                let id = "\(chain)\(link)"
                steps.append(.init(id: id, prompt: "scene \(id)", image: link > 1 ? "@\(chain)\(link - 1)" : nil,
                                   outputs: [#"{ "path": "\#(id).\#(formats[link - 1])" }"#]))
            }
        }
        for single in ["d", "e", "f"] {
            steps.append(.init(id: single, prompt: "scene \(single)", outputs: [#"{ "path": "\#(single).png" }"#]))
        }
        var manifest = PackManifest(steps: steps)
        manifest.latencyMilliseconds = 150
        return manifest
    }

    private enum KillPoint {
        /// After a pause from the start.
        case after(Duration)
        /// As soon as this many more generations are in the cache.
        case stored(Int)
        /// A pause after the run printed this many generated steps.
        case generated(Int, then: Duration)

        var pause: Duration {
            switch self {
            case let .after(pause), let .generated(_, pause): return pause
            case .stored: return .zero
            }
        }
    }

    /// `run --jobs 2 --verbose` of the pack in a child process.
    private func run(_ pack: Pack, killWhen: (@Sendable (ProgressLines) -> Bool)? = nil,
                     pause: Duration = .zero) async throws -> ChildRun.Outcome {
        try await ChildRun.run(try ChildRun.executable(), ["run", pack.manifestURL.path, "--jobs", "2", "--verbose"],
                               logIn: pack.folder, killWhen: killWhen, pause: pause)
    }

    @Test func runsKilledAtSeveralPointsResumeWithoutRepeatingStoredGenerationsAndEndWithTheUninterruptedLockfile() async throws {
        let manifest = Self.chains
        let reference = try Pack(manifest)
        let uninterrupted = try await run(reference)
        #expect(uninterrupted.status == 0 && !uninterrupted.killed, "\(uninterrupted.lines)")
        let keys = try #require(try reference.lockfile()).steps.mapValues(\.key)
        #expect(Set(keys.keys) == manifest.stepIDs)

        let crashed = try Pack(manifest)
        let cache = GenerationCache(directory: crashed.cacheFolder)
        /// Steps whose generation (under the key an uninterrupted run uses) is in the cache.
        @Sendable func stored() -> Set<String> { Set(keys.filter { cache.record(for: $0.value) != nil }.keys) }

        // Kill points: during start-up, the moment a result is stored (before its outputs and
        // progress line), just after steps finished, and while edits of stored images run.
        let points: [KillPoint] = [.after(.milliseconds(80)), .stored(1), .generated(2, then: .milliseconds(40)), .stored(3), .stored(1)]
        var killed = 0
        for point in points {
            let storedBefore = stored()
            let child = try await run(crashed, killWhen: { progress in
                switch point {
                case .after: return true
                case let .stored(count): return stored().count >= storedBefore.count + count
                case let .generated(count, _): return progress.generated.count >= count
                }
            }, pause: point.pause)
            if child.killed { killed += 1 }
            let progress = child.progress
            #expect(progress.generated.isDisjoint(with: storedBefore),
                    "stored before this run, yet generated again: \(progress.generated.intersection(storedBefore).sorted())")
            #expect(progress.generatedCount.values.allSatisfy { $0 == 1 })
            #expect(progress.reused.isSubset(of: storedBefore))
        }
        #expect(killed >= points.count - 1, "the kills landed mid-run")

        let storedBefore = stored()
        #expect(!storedBefore.isEmpty && storedBefore.count < keys.count, "stored before the final run: \(storedBefore.sorted())")
        let final = try await run(crashed)
        #expect(final.status == 0 && !final.killed, "\(final.lines)")
        #expect(final.progress.generated == manifest.stepIDs.subtracting(storedBefore), "only what was not stored is generated")
        #expect(final.progress.reused == storedBefore)
        #expect(try JSONValue.lockfileIgnoringTimestamps(at: crashed.lockfileURL)
                == JSONValue.lockfileIgnoringTimestamps(at: reference.lockfileURL))
        #expect(FileState.contents(try crashed.outputFiles()) == FileState.contents(try reference.outputFiles()))
    }
}
