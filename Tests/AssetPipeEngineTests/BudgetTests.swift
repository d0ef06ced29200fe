import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// `--max-cost` lets a request through only when it fits, and once one did not fit, holds back
/// the paid work after it for that same reason.
@Suite struct BudgetTests {
    private let model = ModelRef(provider: "opper", model: "openai/gpt-image-1")

    @Test func aRequestThatCouldExceedTheBudgetHoldsBackLaterPaidWorkForTheSameReason() throws {
        let budget = Budget(limit: 1)
        let first = try budget.reserve(0.6, model: model)
        budget.settle(reserved: first, cost: 0.6)
        var reasons: [String] = []
        for estimate in [0.5, 0.1] {
            do {
                _ = try budget.reserve(estimate, model: model)
                Issue.record("a request of \(estimate) went through after one was held back")
            } catch {
                reasons.append(error.description)
            }
        }
        #expect(reasons == Array(repeating: "not started: the budget of $1.000 could be exceeded (spent $0.600, in flight $0.000, next request about $0.500)", count: 2))
        #expect(budget.wasExceeded)
        #expect(try budget.reserve(0, model: ModelRef(provider: "local", model: "studio")) == 0, "free work goes on")
    }

    @Test func anUnpricedRequestIsRefusedOnItsOwnWithoutHoldingBackAnythingElse() throws {
        let budget = Budget(limit: 10)
        #expect {
            _ = try budget.reserve(nil, model: model)
        } throws: { error in
            String(describing: error).contains("opper:openai/gpt-image-1, which has no price; add it to the manifest's prices")
        }
        #expect(!budget.wasExceeded)
        #expect(try budget.reserve(0.042, model: ModelRef(provider: "openai", model: "gpt-image-1")) == 0.042)
    }

    @Test func aZeroCostReportIsNoReport() {
        #expect(GenerationResult(images: [], cost: 0).reportedCost == nil)
        #expect(GenerationResult(images: [], cost: 0.04).reportedCost == 0.04)
    }
}

/// Under a budget, every model the run may pay is priced before anything is sent.
@Suite struct UnpricedModelsTests {
    private func builder() -> ManifestBuilder {
        var builder = ManifestBuilder()
        builder.provider("fake")
        builder.providers["offline"] = ProviderConfig(name: "offline", api: .local)
        builder.step("hero", fallbacks: ["fake:model-b"])
        builder.step("logo")
        builder.step("sketch", model: "offline:studio")
        return builder
    }

    @Test func namesEveryUnpricedModelWithItsStepsAndSendsNothing() async throws {
        var manifest = builder().manifest
        manifest.prices = ["fake:model-b": ["medium": 0.04]]
        let provider = ScriptedProvider(clock: VirtualClock())
        let runner = Runner(manifest: manifest, clock: VirtualClock(), environment: [:], providerFactory: { _, _ in provider },
                            budget: Budget(limit: 50))
        let error = await #expect(throws: UnpricedModels.self) { try await runner.run() }
        #expect(error?.entries == [UnpricedModels.Entry(model: ModelRef(provider: "fake", model: "model-a"), steps: ["hero", "logo"])])
        #expect(error?.lines == [#"no price for fake:model-a (used by hero, logo), so --max-cost cannot bound it; add it to the manifest's prices: "prices": {"fake:model-a": {"medium": USD per image}}"#])
        #expect(provider.calls.isEmpty)
    }

    @Test func aProviderWithApiLocalIsFreeWhateverItsName() {
        let manifest = builder().manifest
        let estimator = CostEstimator(manifest: manifest)
        #expect(estimator.isFree(ModelRef(provider: "offline", model: "studio")))
        #expect(estimator.estimate(ModelRef(provider: "offline", model: "studio"), GenerationParameters()) == 0)
        #expect(!estimator.isFree(ModelRef(provider: "fake", model: "model-a")))
        let unpriced = UnpricedModels.find(in: manifest.steps, estimator: estimator)
        #expect(unpriced?.entries.map(\.model.provider) == ["fake", "fake"], "offline:studio needs no price")
    }

    @Test func withoutABudgetNothingNeedsAPrice() async throws {
        let provider = ScriptedProvider(clock: VirtualClock())
        let report = try await Runner(manifest: builder().manifest, clock: VirtualClock(), environment: [:],
                                      providerFactory: { config, context in
                                          config.api == .local ? try StandardProviders.make(config, context) : provider
                                      }).run()
        #expect(report.succeeded == 3)
    }
}

/// A budget stop holds back paid work only.
@Suite struct BudgetStopTests {
    @Test func freeStepsStillRunWhenPaidWorkIsHeldBack() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        builder.step("paid")
        builder.step("free", model: "local:studio")
        builder.steps[1].parameters.size = PixelSize(width: 8, height: 8)
        var manifest = builder.manifest
        manifest.prices = ["fake:model-a": ["medium": 1.0]]
        let provider = ScriptedProvider(clock: VirtualClock())
        let report = try await Runner(manifest: manifest, clock: VirtualClock(), environment: [:],
                                      providerFactory: { config, context in
                                          config.api == .local ? try StandardProviders.make(config, context) : provider
                                      },
                                      budget: Budget(limit: 0.5)).run()
        #expect(report.budgetExceeded)
        #expect(report.outcome("free")?.status == .succeeded)
        guard case let .skipped(reason) = report.outcome("paid")?.status else {
            Issue.record("the paid step should not have started")
            return
        }
        #expect(reason.contains("the budget of $0.500 could be exceeded"))
        #expect(provider.calls.isEmpty)
    }

    @Test func everyPaidStepAfterTheStopSaysWhyWithTheRealFigures() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        for index in 0..<4 { builder.step("paid\(index)") }
        var manifest = builder.manifest
        manifest.prices = ["fake:model-a": ["medium": 1.0]]
        let provider = ScriptedProvider(clock: VirtualClock())
        let report = try await Runner(manifest: manifest, options: RunOptions(jobs: 1), clock: VirtualClock(), environment: [:],
                                      providerFactory: { _, _ in provider }, budget: Budget(limit: 2.5)).run()
        #expect(report.succeeded == 2)
        let reasons = report.outcomes.compactMap { outcome -> String? in
            if case let .skipped(reason) = outcome.status { reason } else { nil }
        }
        #expect(reasons == Array(repeating: "not started: the budget of $2.500 could be exceeded (spent $2.000, in flight $0.000, next request about $1.000)", count: 2))
    }
}

/// What counts as spent.
@Suite struct BudgetAccountingTests {
    @Test func aTimedOutRequestCountsAsSpentSoRetriesCannotOverspend() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake", retry: RetryPolicy(maxAttempts: 3, initialBackoffSeconds: 1, maxBackoffSeconds: 1))
        builder.step("hero")
        var manifest = builder.manifest
        manifest.prices = ["fake:model-a": ["medium": 1.0]]
        let provider = ScriptedProvider(clock: VirtualClock())
        provider.script("hero", [.failure(ProviderError(.timeout, "no answer within 300 s"))])
        let budget = Budget(limit: 1.5)
        let report = try await Runner(manifest: manifest, clock: VirtualClock(), environment: [:],
                                      providerFactory: { _, _ in provider }, budget: budget, random: { 0 }).run()
        #expect(provider.calls.count == 1, "the retry would have taken the run to $2.000")
        #expect(budget.spent == 1.0)
        #expect(report.failed == 1)
    }
}
