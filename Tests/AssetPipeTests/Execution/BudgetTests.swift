import Testing
@testable import AssetPipe

/// `--max-cost` never lets a request through that it cannot price.
@Suite struct BudgetTests {
    private let model = ModelRef(provider: "opper", model: "openai/gpt-image-1")

    @Test func refusesARequestWithNoPriceAndSaysHowToGiveOne() {
        let budget = Budget(limit: 10)
        #expect {
            _ = try budget.reserve(nil, model: model, images: 1)
        } throws: { error in
            String(describing: error).contains("has no price; add it to the manifest's prices")
        }
        #expect(budget.wasExceeded)
    }

    @Test func learnsThePerImageCostTheProviderReportsForTheModel() throws {
        let budget = Budget(limit: 1)
        let first = try budget.reserve(0.2, model: model, images: 2)
        budget.settle(reserved: first, cost: 0.5, reported: true, model: model, images: 2)
        #expect(budget.spent == 0.5)
        // Unpriced now, but the provider said 0.25 per image: two more images fit, three do not.
        #expect(try budget.reserve(nil, model: model, images: 2) == 0.5)
        #expect(throws: BudgetExceeded.self) { _ = try budget.reserve(nil, model: model, images: 1) }
    }

    @Test func aZeroCostReportIsNoReport() {
        #expect(GenerationResult(images: [], cost: 0).reportedCost == nil)
        #expect(GenerationResult(images: [], cost: 0.04).reportedCost == 0.04)
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
