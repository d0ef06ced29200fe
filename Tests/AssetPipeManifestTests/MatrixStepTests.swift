import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

/// Matrix steps: one step written, one step per combination of its variables run — with the
/// values in ids, prompts, references, seeds and output paths, exclusions left out, and every
/// way it can go wrong named precisely.
@Suite struct MatrixStepTests {
    private let fixture: ManifestFixture

    init() throws {
        fixture = try ManifestFixture()
    }

    private static let icons = #"""
        {"id": "icon-{item}-{tier}", "prompt": "a {tier} {item} icon", "seed": "{index}",
         "matrix": {"item": ["sword", "shield", "bow"], "tier": ["wood", "iron"]},
         "exclude": [{"item": "bow", "tier": "wood"}],
         "outputs": [{"path": "icons/{item}/{tier}.png"}]}
        """#

    @Test func expandsIntoOneStepPerCombinationInOrderWithExclusionsLeftOut() throws {
        let steps = try fixture.load(manifest(Self.icons)).steps
        #expect(steps.map(\.id) == ["icon-sword-wood", "icon-sword-iron", "icon-shield-wood", "icon-shield-iron", "icon-bow-iron"])
        #expect(steps.map(\.prompt) == ["a wood sword icon", "a iron sword icon", "a wood shield icon", "a iron shield icon",
                                        "a iron bow icon"])
        #expect(steps.map { $0.outputs.map(\.path) } == [["icons/sword/wood.png"], ["icons/sword/iron.png"], ["icons/shield/wood.png"],
                                                         ["icons/shield/iron.png"], ["icons/bow/iron.png"]])
        // {index} is the position in the full product, so excluding bow-wood (4) moves no other seed.
        #expect(steps.map { $0.parameters[.seed]?.integer } == [0, 1, 2, 3, 5])
    }

    @Test func aMatrixStepReferencesTheExpansionsOfAnotherWithTheSameVariables() throws {
        let loaded = try fixture.load(manifest(
            #"{"id": "base-{item}", "prompt": "a {item}", "matrix": {"item": ["sword", "bow"]}}"#,
            #"{"id": "icon-{item}-{tier}", "prompt": "make it {tier}", "image": "@base-{item}", "reference_images": ["@base-{item}"], "matrix": {"item": ["sword", "bow"], "tier": ["wood", "gold"]}}"#))
        let icons = loaded.steps.filter { $0.id.hasPrefix("icon-") }
        #expect(icons.map { $0.inputs.images } == [[.step(id: "base-sword", index: 0)], [.step(id: "base-sword", index: 0)],
                                                  [.step(id: "base-bow", index: 0)], [.step(id: "base-bow", index: 0)]])
        #expect(icons.map(\.upstreamStepIDs) == [["base-sword"], ["base-sword"], ["base-bow"], ["base-bow"]])
        #expect(try StepGraph(steps: loaded.steps).ordered.count == 6)
        // Every expansion is located at the step the manifest wrote.
        #expect(loaded.stepSources["icon-bow-gold"] == JSONPath.root.appending("steps").appending(1))
    }

    @Test func valuesMayBeIntegersAndBracesAreWrittenDoubled() throws {
        let steps = try fixture.load(manifest(
            #"{"id": "tile-{size}", "prompt": "tile {{{size}}}", "seed": "10{size}", "matrix": {"size": [16, 32]}, "outputs": [{"path": "tiles/{size}-{index}.png"}], "n": 2}"#)).steps
        #expect(steps.map(\.id) == ["tile-16", "tile-32"])
        #expect(steps.map(\.prompt) == ["tile {16}", "tile {32}"])
        #expect(steps.map { $0.parameters[.seed]?.integer } == [1016, 1032])
        // In an output path {index} still names the image.
        #expect([0, 1].map { steps[0].outputs[0].path(forIndex: $0) } == ["tiles/16-0.png", "tiles/16-1.png"])
    }

    @Test func anUnknownVariableIsNamedWithTheNearestOne() {
        #expect(fixture.problem(manifest(#"{"id": "i-{item}", "prompt": "a {itme}", "matrix": {"item": ["a", "b"]}}"#))
                == "steps[0].prompt: {itme} is not a variable of this step's matrix; did you mean {item}? (it has {item}, and {index})")
    }

    @Test func twoExpansionsWithOneIdOrOnePathNameBothCombinations() {
        #expect(fixture.problem(manifest(#"{"id": "icon-{item}", "prompt": "a {tier} {item}", "matrix": {"item": ["sword"], "tier": ["wood", "iron"]}}"#))
                == #"steps[0].id: the expansions item=sword, tier=wood and item=sword, tier=iron both have the step id "icon-sword"; put every matrix variable in the id"#)
        #expect(fixture.problem(manifest(#"{"id": "icon-{item}-{tier}", "prompt": "p", "matrix": {"item": ["sword"], "tier": ["wood", "iron"]}, "outputs": [{"path": "{item}.png"}]}"#))
                == #"steps[0].outputs[0].path: the expansions item=sword, tier=wood and item=sword, tier=iron both have the file "sword.png"; put every matrix variable in the path"#)
        #expect(fixture.problem(manifest(#"{"id": "icon-sword", "prompt": "p"}"#,
                                         #"{"id": "icon-{item}", "prompt": "p", "matrix": {"item": ["sword"]}}"#))
                == #"steps[1].id: duplicate step id "icon-sword" (the expansion item=sword); steps[0] already has it"#)
    }

    @Test func refusesMoreThanTenThousandCombinations() throws {
        let hundred = (0..<100).map(String.init).joined(separator: ", ")
        let thousand = (0..<1000).map(String.init).joined(separator: ", ")
        #expect(try fixture.load(manifest(#"{"id": "a-{x}-{y}", "prompt": "p", "matrix": {"x": [\#(hundred)], "y": [\#(hundred)]}}"#))
            .steps.count == 10_000)
        #expect(fixture.problem(manifest(#"{"id": "a-{x}-{y}", "prompt": "p", "matrix": {"x": [\#(thousand)], "y": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}}"#))
                == "steps[0].matrix: 11000 combinations; a matrix step expands into at most 10000 steps")
    }

    @Test func badMatricesAndExclusionsAreRejectedWhereTheyAreWritten() {
        func problem(_ matrix: String) -> String? {
            fixture.problem(manifest(#"{"id": "a-{x}", "prompt": "p", \#(matrix)}"#))
        }
        #expect(problem(#""matrix": []"#)
                == #"steps[0].matrix: expected an object mapping each variable to its values, such as {"item": ["sword", "shield"]}, found a list"#)
        #expect(problem(#""matrix": {"x": []}"#) == "steps[0].matrix.x: expected a non-empty list of values, found a list")
        #expect(problem(#""matrix": {"x": ["a", "a"]}"#) == #"steps[0].matrix.x[1]: "a" is listed twice"#)
        #expect(problem(#""matrix": {"x": [1.5]}"#) == "steps[0].matrix.x[0]: expected a string or an integer, found number 1.5")
        #expect(problem(#""matrix": {"x": ["a"], "index": ["b"]}"#)
                == #"steps[0].matrix.index: "index" cannot name a matrix variable: "index" is built in (the combination's number)"#)
        #expect(problem(#""matrix": {"x": ["a"], "2d": ["b"]}"#)?.hasPrefix(#"steps[0].matrix["2d"]: "2d" cannot name a matrix variable"#) == true)
        #expect(problem(#""matrix": {"x": ["a", "b"]}, "exclude": [{"y": "a"}]"#) == #"steps[0].exclude[0].y: no matrix variable "y"; did you mean "x"?"#)
        #expect(problem(#""matrix": {"x": ["a", "b"]}, "exclude": [{"x": "c"}]"#)
                == #"steps[0].exclude[0].x: string "c" is not a value of "x" ("a", "b"), so this excludes nothing"#)
        #expect(problem(#""exclude": [{"x": "c"}]"#) == #"steps[0].exclude: "exclude" needs "matrix": it leaves out combinations of the matrix's variables"#)
        #expect(problem(#""matrix": {"x": ["a", "b"]}, "seed": "{x}""#)
                == #"steps[0].seed: the seed "{x}" gives "a" for x=a, which is not an integer"#)
    }

    @Test func aProblemOfEveryExpansionIsOneMessageWithTheCountOfTheOthers() {
        let values = (0..<500).map { "\"v\($0)\"" }.joined(separator: ", ")
        let found = fixture.diagnostics(manifest(#"{"id": "bad {x}", "prompt": "p", "image": "@gone-{x}", "matrix": {"x": [\#(values)]}}"#))
        #expect(found.map(\.description) == [
            #"pack.json:1:72: steps[0].id: expected a step id of letters, digits, '.', '_' and '-' starting with a letter or digit, found "bad v0" (and 499 more like it here)"#,
            #"pack.json:1:107: steps[0].image: "@gone-v0" refers to no step: no step has the id "gone-v0" (and 499 more like it here)"#,
        ])
        let references = fixture.diagnostics(manifest(#"{"id": "i-{x}", "prompt": "p", "image": "@gone-{x}", "matrix": {"x": [\#(values)]}}"#))
        #expect(references.map(\.message) == [#""@gone-v0" refers to no step: no step has the id "gone-v0" (and 499 more like it here)"#])
    }

    @Test func aMistakeEveryExpansionSharesIsReportedOnceAtTheTextTheUserWrote() throws {
        let found = fixture.diagnostics(#"""
        {"version": 1, "defaults": {"model": "local:studio"},
         "steps": [
           {"id": "icon-{item}", "prompt": "a {item}", "matrix": {"item": ["a", "b", "c"]},
            "outputs": [{"path": "{item}.jpg", "quality": 150}]}
         ]}
        """#)
        #expect(found.map(\.description) == ["pack.json:4:51: steps[0].outputs[0].quality: expected an integer from 0 to 100, found 150"])
    }
}
