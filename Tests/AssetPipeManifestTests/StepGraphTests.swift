import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct StepGraphTests {
    private func step(_ id: String, inputs: [String] = []) -> Step {
        Step(id: id, model: ModelRef(provider: "local", model: "studio"), prompt: id,
             images: inputs.map { .step(id: $0, index: 0) })
    }

    @Test func ordersEveryStepAfterItsInputsKeepingManifestOrderOtherwise() throws {
        let graph = try StepGraph(steps: [step("c", inputs: ["b"]), step("a"), step("b", inputs: ["a"]), step("d")])
        #expect(graph.ordered.map(\.id) == ["a", "b", "c", "d"])
        #expect(graph.dependents["a"] == ["b"])
    }

    @Test func namesTheCycleInDataFlowOrder() {
        #expect(throws: GraphError.cycle(["a", "b", "a"])) {
            try StepGraph(steps: [step("a", inputs: ["b"]), step("b", inputs: ["a"])])
        }
        #expect(StepGraph.findCycle(in: [("x", ["x"])]) == ["x", "x"])
        #expect(StepGraph.findCycle(in: [("a", []), ("b", ["a"])]) == nil)
    }

    @Test func rejectsReferencesToUnknownSteps() {
        #expect(throws: GraphError.unknownStep("ghost", referencedBy: "a")) {
            try StepGraph(steps: [step("a", inputs: ["ghost"])])
        }
    }

    @Test func closureAddsEverythingTheSelectedStepsNeed() throws {
        let graph = try StepGraph(steps: [step("a"), step("b", inputs: ["a"]), step("c", inputs: ["b"]), step("d")])
        #expect(graph.closure(of: ["c"]).map(\.id) == ["a", "b", "c"])
        #expect(graph.downstream(of: "a") == ["b", "c"])
    }

    @Test func handlesLongChainsWithoutDeepRecursion() throws {
        let steps = (0..<5_000).map { step("s\($0)", inputs: $0 == 0 ? [] : ["s\($0 - 1)"]) }
        #expect(try StepGraph(steps: steps).ordered.last?.id == "s4999")
    }
}
