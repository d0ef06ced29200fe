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

/// What runs cost: the provider's reported cost or the manifest's prices, shown in the summary and
/// kept in the lockfile, and `--max-cost` / `max_cost` holding paid work back before the budget
/// could be exceeded.
@Suite struct IncrementalCostTests {
    /// The budget's stop message, as skipped steps report it.
    private let budgetReason = "not started: the budget of $2.500 could be exceeded"

    @Test func maxCostStopsBeforeExceedingTheBudgetReportsTheRestAndExitsOne() async throws {
        let pack = try Pack(.paid(perImage: 1.0))
        let run = await pack.run(["--max-cost", "2.5", "--jobs", "1"])
        #expect(run.code == AssetPipeCLI.ExitCode.stepFailed)
        #expect(run.requests.count == 2, "a third $1 request could take $2 spent to $3 > $2.50: \(run.requests)")
        #expect(run.progress.generated == Set(run.requests))
        #expect(run.progress.skipped.count == 2)
        for (id, reason) in run.progress.skipped {
            #expect(reason.hasPrefix(budgetReason), "\(id): \(reason)")
        }
        #expect(run.summary.hasPrefix("stopped at the budget: 2 done, 0 failed, 2 skipped"), "\(run.summary)")
        #expect(run.summary.contains("2 requests · spent $2.000, about $2.000 remaining"), "\(run.summary)")

        let resumed = await pack.run(["--max-cost", "2.5"])
        #expect(resumed.code == 0, "cached steps cost nothing: the other two fit the budget. \(resumed.errorText)")
        #expect(Set(resumed.requests).isDisjoint(with: run.requests) && resumed.requests.count == 2)
    }

    @Test func maxCostInTheManifestWorksLikeTheFlagAndTheFlagOverridesIt() async throws {
        var manifest = PackManifest.paid(perImage: 1.0)
        manifest.topLevel.append(#""max_cost": 2.5"#)
        let pack = try Pack(manifest)
        let run = await pack.run(["--jobs", "1"])
        #expect(run.code == AssetPipeCLI.ExitCode.stepFailed)
        #expect(run.requests.count == 2)
        #expect(run.summary.hasPrefix("stopped at the budget"))
        #expect(run.progress.skipped.values.allSatisfy { $0.hasPrefix(budgetReason) }, "\(run.progress.skipped)")

        let overridden = await pack.run(["--max-cost", "10"])
        #expect(overridden.code == 0, "\(overridden.errorText)")
        #expect(overridden.requests.count == 2)
    }

    @Test func requestsInFlightWhenTheBudgetStopsTheRunAreFinishedAndKept() async throws {
        let steps = (1...4).map { PackManifest.StepSpec(id: "p\($0)", prompt: "picture \($0)", outputs: [#"{ "path": "p\#($0).png" }"#]) }
        var manifest = PackManifest.paid(perImage: 1.0)
        manifest.steps = steps
        let budgetStop = Latch()
        // The first request is held until the budget has refused another one. Should the budget
        // never refuse, the fourth request opens the latch, so the test fails instead of hanging.
        let counter = RequestCounter { position in
            if position == 0 { await budgetStop.wait() }
            if position >= 3 { budgetStop.open() }
        }
        let pack = try Pack(manifest, counter: counter)
        let loaded = try ManifestLoader(environment: [:]).load(contentsOf: pack.manifestURL)
        let budget = Budget(limit: 2)
        let observer = StepFinishedObserver { outcome in
            if case let .skipped(reason) = outcome.status, reason.contains("budget") { budgetStop.open() }
        }
        let report = try await Runner(manifest: loaded, options: RunOptions(jobs: 2), observer: observer, environment: [:],
                                      providerFactory: counter.factory,
                                      caching: .standard(manifest: loaded, cacheDirectory: pack.cacheFolder), budget: budget).run()

        let held = try #require(counter.all.first)
        #expect(report.outcome(held)?.status == .succeeded, "the request in flight when the budget stopped the run finished")
        #expect(report.budgetExceeded)
        #expect(report.requests == 2 && counter.all.count == 2)
        #expect(budget.spent == 2 && budget.spent <= budget.limit)
        #expect(report.succeeded == 2 && report.skipped == 2 && report.cancelled == 0)
        #expect(report.estimatedRemaining == 2)
        let lockfile = try #require(try pack.lockfile())
        #expect(Set(lockfile.steps.keys) == Set(counter.all), "both paid results are kept")
    }

    @Test func aProviderReportedCostIsRecordedSummedAndThenSavedByTheCache() async throws {
        let pack = try Pack(.paid(perImage: nil), counter: RequestCounter(reportedCost: 0.04))
        let run = await pack.run()
        #expect(run.code == 0, "\(run.errorText)")
        #expect(run.summary.contains("4 requests · spent $0.160 ·"), "\(run.summary)")
        let lockfile = try #require(try pack.lockfile())
        #expect(lockfile.steps.values.map(\.cost) == [0.04, 0.04, 0.04, 0.04])

        let again = await pack.run()
        #expect(again.requests.isEmpty)
        #expect(again.summary.contains("0 requests · saved $0.160 by cache ·"), "\(again.summary)")
    }

    @Test func theProviderReportedCostWinsOverTheManifestPrice() async throws {
        let pack = try Pack(.paid(perImage: 1.0), counter: RequestCounter(reportedCost: 0.04))
        let plan = await pack.command("plan")
        #expect(plan.output.last == "4 steps: 0 cached, 0 outputs only, 4 to generate · 4 paid requests · estimated $4.000")
        let run = await pack.run()
        #expect(run.summary.contains("spent $0.160"), "\(run.summary)")
        #expect(try pack.locked("top")?.cost == 0.04)
    }
}

/// Under a budget, a model with no price is found before anything is sent: `plan` and `run`
/// name it with its steps and the entry to add, exit 2, and send nothing.
@Suite struct IncrementalUnpricedBudgetTests {
    @Test(arguments: ["run", "plan"])
    func anUnpricedModelUnderMaxCostStopsTheCommandBeforeAnyRequest(_ command: String) async throws {
        let pack = try Pack(.paid(perImage: nil))
        let result = await pack.command(command, ["--max-cost", "50"])
        #expect(result.code == AssetPipeCLI.ExitCode.invalidInput)
        #expect(result.requests.isEmpty)
        #expect(result.errors.count == 2)
        #expect(result.errors.first?.hasSuffix(#"pack.json: prices: no price for paid:test-model (used by base, mid, top, other), so --max-cost cannot bound it; add it to the manifest's prices: "prices": {"paid:test-model": {"medium": USD per image}}"#) == true,
                "\(result.errorText)")
        #expect(result.errors.last == "1 model has no price; nothing was generated")
    }

    @Test func cachedStepsNeedNoPriceAndWithoutABudgetNothingDoes() async throws {
        let pack = try Pack(.paid(perImage: nil))
        #expect(await pack.run().code == 0)
        let cached = await pack.run(["--max-cost", "50"])
        #expect(cached.code == 0, "nothing left to pay for: \(cached.errorText)")
        #expect(cached.requests.isEmpty)
    }
}

/// Calls `action` for every finished step.
private struct StepFinishedObserver: RunObserver {
    var action: @Sendable (StepOutcome) -> Void

    func record(_ event: RunEvent) {
        if case let .stepFinished(outcome) = event { action(outcome) }
    }
}
