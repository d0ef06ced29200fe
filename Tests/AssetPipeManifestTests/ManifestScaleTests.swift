import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct ManifestScaleTests {
    /// A manifest shaped like a large real pack: independent steps and edit chains five deep,
    /// each step with forwarded parameters and two outputs. 5,000 steps come to about 1.5 MB.
    static func generatedManifest(steps count: Int) -> String {
        let steps = (0..<count).map { index in
            let input = index % 5 == 0 ? "" : #", "image": "@s\#(index - 1)""#
            return #"""
            {"id": "s\#(index)", "prompt": "a detailed \#(index % 7 == 0 ? "isometric" : "flat") game icon number \#(index), \#
            soft studio lighting, centred on a plain background, no text", "size": "1024x1024", "quality": "high", \#
            "seed": \#(index), "parameters": {"input_fidelity": "high", "tags": ["icons", "batch-\#(index / 100)"]}\#(input), \#
            "outputs": [{"path": "icons/s\#(index).png", "compression": 6}, {"path": "thumbs/s\#(index).webp", "quality": 80, "resize": "256x256"}]}
            """#
        }
        return #"{"version": 1, "defaults": {"model": "local:studio", "n": 1}, "steps": [\#n"#
            + steps.joined(separator: ",\n") + "\n]}"
    }

    @Test func loadsAFiveThousandStepManifest() throws {
        let fixture = try ManifestFixture()
        let json = Self.generatedManifest(steps: 5_000)
        #expect(json.utf8.count > 1_400_000)
        let loaded = try fixture.load(json)
        #expect(loaded.steps.count == 5_000)
        #expect(loaded.steps[4_999].inputs.images == [.step(id: "s4998", index: 0)])
        #expect(loaded.steps[4_999].outputs.count == 2)
        // How fast is the plan benchmark's business (`make bench BENCH=plan`), not a spec's.
    }
}
