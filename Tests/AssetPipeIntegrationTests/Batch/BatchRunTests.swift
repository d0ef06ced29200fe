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

/// `run --batch` against the emulator's Files and Batch APIs: the same images as a synchronous
/// run at the batch price, edit chains wave by wave, failed lines in the next batch, expired and
/// cancelled batches finished by later runs — and nothing paid for twice.
@Suite(.serialized) struct BatchRunTests {
    /// A run of `pack` on its own emulator: what it stored, reported and paid.
    private struct Ran {
        var result: CLIHarness.Result
        var report: ReportDocument
        var images: [String: LockedImage]
    }

    private func run(_ pack: BatchPack, _ options: [String]) async throws -> Ran {
        let result = await pack.command("run", options)
        return Ran(result: result, report: try pack.report(), images: try pack.lockedImages())
    }

    @Test func aBatchRunStoresWhatASynchronousRunStoresAtHalfThePriceOneWavePerLinkOfAChain() async throws {
        // One emulator for both, so both manifests name the same base_url (it is in the keys).
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        let sync = try BatchPack(emulator: emulator, generations: 6, chains: 1)
        let synchronous = try await run(sync, [])
        #expect(synchronous.result.code == 0, "\(synchronous.result.errorText)")

        let before = emulator.requests.count
        let pack = try BatchPack(emulator: emulator, generations: 6, chains: 1)
        let batched = try await run(pack, ["--batch"])
        #expect(batched.result.code == 0, "\(batched.result.errorText)")
        #expect(batched.images.count == pack.stepIDs.count)
        #expect(batched.images == synchronous.images, "same keys, same image bytes")
        #expect(emulator.batchesCreated(since: before) == 3, "the roots and c0-0, then c0-1, then c0-2")
        #expect(emulator.requests.dropFirst(before).filter { $0.path.hasPrefix("/v1/images/") && !$0.isBatchLine }.isEmpty,
                "nothing sent on its own")
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs, since: before)
            == Dictionary(uniqueKeysWithValues: pack.stepIDs.map { ($0, 1) }))
        #expect(abs(batched.report.totals.spent - synchronous.report.totals.spent / 2) < 1e-9)
        #expect(abs((batched.report.totals.savedByBatch ?? 0) - synchronous.report.totals.spent / 2) < 1e-9)
        #expect(batched.report.steps.allSatisfy { $0.attempts.allSatisfy { $0.batchId != nil } })
        #expect(pack.openBatches().isEmpty, "every answer is stored: no batch is left to collect")
        #expect(batched.result.errors.contains { $0.contains("⧗ batch ") && $0.contains("completed") })
        #expect(batched.result.errors.last?.contains("spent $0.180, saved $0.180 by batch") == true, "\(batched.result.errors.last ?? "")")
    }

    @Test func planShowsEachStepsWaveAndTheBatchPrice() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 2, chains: 1)
        let plan = await pack.command("plan", ["--batch"])
        #expect(plan.code == 0)
        #expect(plan.output.contains { $0.contains("c0-1") && $0.contains("batch wave 2") })
        #expect(plan.output.contains { $0.contains("c0-2") && $0.contains("batch wave 3") })
        let summary = try #require(plan.output.last)
        #expect(summary.contains("estimated $0.10"), "5 images at half of $0.04: \(summary)")
        #expect(summary.contains("5 in 3 batch waves, saving $0.10"), "\(summary)")
        #expect(emulator.requests.isEmpty, "plan sends nothing")
    }

    @Test func noWaitSubmitsAndExitsZeroAndTheNextRunCollectsWithoutSubmittingAgain() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 3, chains: 1)
        let submitted = await pack.command("run", ["--batch", "--no-wait"])
        #expect(submitted.code == 0, "\(submitted.errorText)")
        #expect(submitted.errorText.contains("submitted in batches and not waited for"))
        #expect(pack.openBatches().count == 1)
        #expect(try pack.lockfile()?.steps.isEmpty ?? true)
        #expect(emulator.batchesCreated == 1)

        let collected = await pack.command("run", ["--batch"])
        #expect(collected.code == 0, "\(collected.errorText)")
        #expect(try pack.lockedImages().count == pack.stepIDs.count)
        #expect(emulator.batchesCreated == 3, "wave 1 collected, not sent again; then c0-1 and c0-2")
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 })
        #expect(pack.openBatches().isEmpty)
    }

    @Test func maxCostReservesAtTheBatchPrice() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 4)
        // 4 images: $0.16 synchronously, $0.08 in a batch.
        let ran = try await run(pack, ["--batch", "--max-cost", "0.10"])
        #expect(ran.result.code == 0, "\(ran.result.errorText)")
        #expect(ran.images.count == 4)
        #expect(abs(ran.report.totals.spent - 0.08) < 1e-9)
    }

    @Test func aLineThatFailedRetryablyGoesInTheNextBatch() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        emulator.inject(.status(503), matching: .batchLine && .marker(EndToEnd.marker("g1")))
        let pack = try BatchPack(emulator: emulator, generations: 4)
        let ran = try await run(pack, ["--batch"])
        #expect(ran.result.code == 0, "\(ran.result.errorText)")
        #expect(emulator.batchesCreated == 2)
        let attempts = try #require(ran.report.steps.first { $0.id == "g1" }).attempts
        #expect(attempts.map(\.disposition) == [.retried, .succeeded])
        #expect(attempts[0].httpStatus == 503 && attempts[0].batchId != attempts[1].batchId)
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 })
    }

    @Test func withBatchRetrySyncAFailedLineIsSentOnItsOwn() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        emulator.inject(.status(503), matching: .batchLine && .marker(EndToEnd.marker("g1")))
        let pack = try BatchPack(emulator: emulator, generations: 4)
        let ran = try await run(pack, ["--batch", "--batch-retry=sync"])
        #expect(ran.result.code == 0, "\(ran.result.errorText)")
        #expect(emulator.batchesCreated == 1)
        #expect(emulator.requests { $0.path == "/v1/images/generations" && !$0.isBatchLine }.count == 1)
        #expect(ran.report.totals.spent > 3 * BatchPack.price / 2, "the line sent on its own pays the full price")
    }

    @Test func aLineTheAPIRefusedIsNotRetriedAndFailsItsStepAlone() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        emulator.inject(.contentPolicy, matching: .batchLine && .marker(EndToEnd.marker("g2")))
        let pack = try BatchPack(emulator: emulator, generations: 3)
        let ran = try await run(pack, ["--batch"])
        #expect(ran.result.code == 1)
        let step = try #require(ran.report.steps.first { $0.id == "g2" })
        #expect(step.status == .failed && step.attempts.count == 1)
        #expect(ran.report.steps.filter { $0.status == .generated }.count == 2)
        #expect(emulator.batchesCreated == 1)
    }

    @Test func anExpiredBatchKeepsWhatFinishedAndSendsTheRestAgain() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        emulator.inject(.batchExpires(afterLines: 2), matching: .path("/v1/batches"))
        let pack = try BatchPack(emulator: emulator, generations: 5)
        let ran = try await run(pack, ["--batch"])
        #expect(ran.result.code == 0, "\(ran.result.errorText)")
        #expect(ran.images.count == 5)
        #expect(emulator.batchesCreated == 2)
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 })
        let resent = ran.report.steps.filter { $0.attempts.count == 2 }
        #expect(resent.count == 3 && resent.allSatisfy { $0.attempts[0].error?.contains("batch_expired") == true })
    }

    @Test func aBatchThatFailsValidationFailsItsStepsWithTheAPIsReason() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        emulator.inject(.batchFailsValidation(), matching: .path("/v1/batches"))
        let pack = try BatchPack(emulator: emulator, generations: 2)
        let ran = try await run(pack, ["--batch"])
        #expect(ran.result.code == 1)
        #expect(ran.report.steps.allSatisfy { $0.status == .failed && $0.reason?.contains("Enqueued token limit reached") == true })
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).isEmpty)
        #expect(pack.openBatches().isEmpty, "a failed batch holds nothing to collect")
    }

    @Test func aCreationWhoseAnswerWasLostIsLookedUpNotSubmittedAgain() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        // The batch is made, its answer cut short.
        emulator.inject(.truncatedBody, matching: .method("POST") && .path("/v1/batches"))
        let pack = try BatchPack(emulator: emulator, generations: 3)
        let ran = try await run(pack, ["--batch"])
        #expect(ran.result.code == 0, "\(ran.result.errorText)")
        #expect(ran.images.count == 3)
        #expect(emulator.requests { $0.method == "POST" && $0.path == "/v1/batches" }.count == 1)
        #expect(emulator.requests { $0.method == "GET" && $0.path == "/v1/batches" }.count >= 1, "it looked")
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 })
    }

    @Test func anInterruptedRunLeavesItsBatchToTheNextWhichSendsNothingAgain() async throws {
        let emulator = try EndToEnd.batchEmulator(BatchBehavior(validatingSteps: 4))
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 3)
        let manifest = try ManifestLoader(environment: BatchPack.environment).load(contentsOf: pack.manifestURL)
        let runner = Runner(manifest: manifest, options: RunOptions(batch: BatchOptions(mode: .all)),
                            environment: BatchPack.environment,
                            caching: .standard(manifest: manifest, cacheDirectory: pack.cacheFolder))
        let run = Task { try await runner.run() }
        for _ in 0..<2_000 where pack.openBatches().first?.stage != .submitted { try await Task.sleep(for: .milliseconds(5)) }
        run.cancel()
        let interrupted = try await run.value
        #expect(interrupted.interrupted && interrupted.cancelled == 3, "\(interrupted.outcomes.map(\.status))")
        #expect(pack.openBatches().count == 1, "the batch is paid for: its record stays")

        let next = await pack.command("run", ["--batch"])
        #expect(next.code == 0, "\(next.errorText)")
        #expect(try pack.lockedImages().count == 3)
        #expect(emulator.batchesCreated == 1)
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 })
    }

    @Test func batchesListsWhatIsOpenAndCancelStoresWhatFinished() async throws {
        let emulator = try EndToEnd.batchEmulator(BatchBehavior(validatingSteps: 0, linesPerStep: 1))
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 4)
        #expect(await pack.command("run", ["--batch", "--no-wait"]).code == 0)
        let batchID = try #require(pack.openBatches().first?.batchID)

        let listed = await pack.command("batches")
        #expect(listed.code == 0, "\(listed.errorText)")
        #expect(listed.output.contains { $0.contains(batchID) && $0.contains("in_progress") }, "\(listed.output)")

        let cancelled = await pack.command("batches", ["--cancel"])
        #expect(cancelled.code == 0, "\(cancelled.errorText)")
        let stored = try pack.lockedImages().count
        #expect(stored >= 1 && stored < 4, "the lines that ran before the cancel: \(stored)")
        #expect(pack.openBatches().isEmpty)
        #expect(emulator.batchesCreated == 1, "cancelling sends nothing new")

        let rest = try await run(pack, ["--batch"])
        #expect(rest.result.code == 0, "\(rest.result.errorText)")
        #expect(rest.images.count == 4)
        #expect(emulator.paidGenerations(ofSteps: pack.stepIDs).values.allSatisfy { $0 == 1 })
    }
}
