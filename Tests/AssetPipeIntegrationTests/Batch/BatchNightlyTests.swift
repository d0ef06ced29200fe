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

/// The nightly run the Batch API mode is for, end to end: 200 steps (generations and edit
/// chains two edits deep) through batches, one line in ten failing once, the first batch
/// expiring part-way, the runner SIGKILLed three times at different stages — and at the end the
/// lockfile a synchronous run of the same manifest writes, nothing paid twice, half the price.
///
/// `swift test --filter BatchNightlyTests` prints its figures.
@Suite(.serialized) struct BatchNightlyTests {
    static let generations = 170
    static let chains = 10

    @Test func twoHundredStepsKilledThreeTimesEndWithTheSynchronousLockfileAtHalfThePrice() async throws {
        let started = ContinuousClock.now
        let emulator = try EndToEnd.batchEmulator(BatchBehavior(validatingSteps: 1, linesPerStep: 40))
        defer { emulator.stop() }
        let reference = try BatchPack(emulator: emulator, generations: Self.generations, chains: Self.chains)
        let synchronous = await reference.command("run", ["--jobs", "16"])
        #expect(synchronous.code == 0, "\(synchronous.errorText)")
        let expected = try reference.lockedImages()
        let syncSpent = try reference.report().totals.spent
        #expect(expected.count == 200)

        let before = emulator.requests.count
        let pack = try BatchPack(emulator: emulator, generations: Self.generations, chains: Self.chains)
        let failing = pack.stepIDs.enumerated().filter { $0.offset % 10 == 3 }.map(\.element)
        for id in failing { emulator.inject(.status(503), matching: .batchLine && .marker(EndToEnd.marker(id))) }
        emulator.inject(.batchExpires(afterLines: 60), matching: .method("POST") && .path("/v1/batches"))

        var kills: [BatchKillTests.Stage] = []
        for stage in [BatchKillTests.Stage.afterUpload, .polling, .downloading] {
            let child = try await BatchKillTests.killedRun(pack, emulator, at: stage)
            #expect(child.killed, "finished before \(stage): \(child.lines.suffix(5))")
            if child.killed { kills.append(stage) }
        }
        let last = await pack.command("run", ["--batch"])
        #expect(last.code == 0, "\(last.errorText)")

        #expect(try pack.lockedImages() == expected, "the synchronous run's keys and image hashes")
        let paid = emulator.paidGenerations(ofSteps: pack.stepIDs, since: before)
        #expect(paid.count == 200 && paid.values.allSatisfy { $0 == 1 }, "every step paid once: \(paid.filter { $0.value != 1 })")
        #expect(emulator.pendingFaults.isEmpty, "every failure and the expiry happened: \(emulator.pendingFaults)")
        let report = try pack.report()
        let cost = report.totals.spent + report.totals.savedByCache
        #expect(abs(cost - syncSpent / 2) < 1e-9, "the pack cost \(cost) against \(syncSpent) synchronously")
        let lockedCost = try #require(try pack.lockfile()).steps.values.compactMap(\.cost).reduce(0, +)
        #expect(abs(lockedCost - syncSpent / 2) < 1e-9)
        #expect(pack.openBatches().isEmpty)

        let lines = emulator.requests.dropFirst(before).filter(\.isBatchLine)
        print("""
            batch nightly: 200 steps (\(Self.generations) generations, \(Self.chains) chains of 3), \(failing.count) lines failing once, \
            1 batch expiring after 60 lines; SIGKILLed at \(kills.map(\.rawValue).joined(separator: ", ")); \
            \(emulator.batchesCreated(since: before)) batches created, \(lines.count) lines run, \(lines.count(where: \.isPaidGeneration)) paid \
            (max \(paid.values.max() ?? 0) per step); cost $\(String(format: "%.2f", cost)) vs $\(String(format: "%.2f", syncSpent)) \
            synchronous; lockfile identical: \(try pack.lockedImages() == expected); \
            \(String(format: "%.1f", (ContinuousClock.now - started) / .seconds(1))) s
            """)
    }
}
