import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeReporting
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// `run --batch` killed with SIGKILL at every stage of a batch's life: the next run finds what
/// the killed one left in the cache and never submits the same requests again.
@Suite(.serialized) struct BatchKillTests {
    /// Where in a batch's life the child is killed, judged from the cache and the emulator's log.
    enum Stage: String, CaseIterable, CustomTestStringConvertible {
        /// The upload hangs; the record says `uploading`.
        case uploading
        /// The file is uploaded and the record says `creating`: the create may or may not be out.
        case afterUpload
        /// The batch exists and its id is filed.
        case afterCreate
        /// The batch has been polled a few times.
        case polling
        /// The results are being downloaded.
        case downloading

        var testDescription: String { rawValue }

        /// Whether the child is at this stage now.
        func reached(_ pack: BatchPack, _ emulator: ProviderEmulator, since: Int) -> Bool {
            let recent = emulator.requests.dropFirst(since)
            switch self {
            case .uploading:
                return pack.openBatches().first?.stage == .uploading && recent.contains { $0.path == "/v1/files" }
            case .afterUpload:
                return pack.openBatches().first?.stage == .creating
            case .afterCreate:
                return pack.openBatches().first?.stage == .submitted
            case .polling:
                return recent.count { $0.method == "GET" && $0.path.hasPrefix("/v1/batches/") } >= 3
            case .downloading:
                return recent.contains { $0.path.hasPrefix("/v1/files/") && $0.path.hasSuffix("/content") }
            }
        }
    }

    /// `run --batch` of `pack` in a child process, killed once `stage` is reached.
    static func killedRun(_ pack: BatchPack, _ emulator: ProviderEmulator, at stage: Stage) async throws -> ChildRun.Outcome {
        let since = emulator.requests.count
        return try await ChildRun.run(try ChildRun.executable(), ["run", pack.manifestURL.path, "--batch", "--verbose"],
                                      logIn: pack.folder, environment: BatchPack.environment,
                                      killWhen: { _ in stage.reached(pack, emulator, since: since) })
    }

    @Test(arguments: Stage.allCases)
    func aRunKilledAtThisStageIsFinishedByTheNextWithoutSubmittingAgain(_ stage: Stage) async throws {
        // Slow enough to be caught polling: two polls validating, a line per poll.
        let emulator = try EndToEnd.batchEmulator(BatchBehavior(validatingSteps: 2, linesPerStep: 2))
        defer { emulator.stop() }
        if stage == .uploading { emulator.inject(.hang(nil), matching: .method("POST") && .path("/v1/files")) }
        let pack = try BatchPack(emulator: emulator, generations: 6)

        let killed = try await Self.killedRun(pack, emulator, at: stage)
        #expect(killed.killed, "the child finished before reaching \(stage): \(killed.lines)")
        emulator.releaseHangs()
        let created = emulator.batchesCreated

        let next = await pack.command("run", ["--batch"])
        #expect(next.code == 0, "\(next.errorText)")
        #expect(try pack.lockedImages().count == 6)
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 }, "nothing paid twice")
        #expect(emulator.batchesCreated == 1, "one batch in all (\(created) before the next run)")
        if [.afterCreate, .polling, .downloading].contains(stage) {
            #expect(emulator.requests { $0.method == "POST" && $0.path == "/v1/files" }.count == 1, "not even uploaded again")
        }
        #expect(pack.openBatches().isEmpty)
    }
}
