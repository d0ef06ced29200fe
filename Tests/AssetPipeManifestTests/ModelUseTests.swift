import Testing
@testable import AssetPipeManifest

/// Which steps name each model ref, as their model or a fallback.
@Suite struct ModelUseTests {
    private func step(_ id: String, _ model: String, fallbacks: [String] = []) -> Step {
        Step(id: id, model: ModelRef(parsing: model) ?? ModelRef(provider: "x", model: model),
             fallbacks: fallbacks.compactMap(ModelRef.init(parsing:)), prompt: "p")
    }

    @Test func eachRefIsListedOnceInFirstUseOrderWithEachStepOnce() {
        let steps = [step("hero", "openai:gpt-image-1", fallbacks: ["opper:openai/gpt-image-1", "openai:gpt-image-1"]),
                     step("logo", "opper:openai/gpt-image-1"), step("icon", "openai:gpt-image-1")]
        #expect(ModelUse.collect(in: steps) == [
            ModelUse(model: ModelRef(provider: "openai", model: "gpt-image-1"), steps: ["hero", "icon"]),
            ModelUse(model: ModelRef(provider: "opper", model: "openai/gpt-image-1"), steps: ["hero", "logo"]),
        ])
    }

    @Test func onlyTheRefsTheFilterKeeps() {
        let steps = [step("hero", "openai:gpt-image-1", fallbacks: ["local:studio"])]
        #expect(ModelUse.collect(in: steps) { model, _ in model.provider == "local" }.map(\.model.description) == ["local:studio"])
    }
}
