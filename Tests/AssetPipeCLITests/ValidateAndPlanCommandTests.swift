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

/// `validate` and `plan`: precise problems, nothing written, and the graph in execution order.
@Suite struct ValidateAndPlanCommandTests {
    @Test func validatePrintsEveryProblemWithItsPathExitsTwoAndWritesNothing() async throws {
        let manifest = try CLIHarness.writeManifest("""
        { "version": 1, "output_dir": "out",
          "steps": [
            { "id": "a", "model": "local:studio", "promt": "typo", "size": "1024×1024",
              "outputs": [ { "path": "a.jpg", "quality": 150 } ] },
            { "id": "b", "model": "nowhere:x", "prompt": "p", "image": "@c" },
            { "id": "c", "model": "local:studio", "prompt": "p", "image": "@b" }
          ] }
        """)
        for command in ["validate", "run", "plan"] {
            let result = await CLIHarness().run([command, manifest.path])
            #expect(result.code == AssetPipeCLI.ExitCode.invalidInput)
            let text = result.errorText
            #expect(text.contains("steps[0].promt: unknown field \"promt\"; did you mean \"prompt\"?"), "\(text)")
            #expect(text.contains("steps[0].size"))
            #expect(text.contains("steps[0].outputs[0].quality"))
            #expect(text.contains("steps[1].model"))
            #expect(text.contains("b -> c -> b") || text.contains("c -> b -> c"))
            #expect(result.errors.last?.hasSuffix("problems found; nothing was generated") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: manifest.deletingLastPathComponent().appendingPathComponent("out").path))
    }

    @Test func everyShippedManifestValidatesOnceItsKeyVariablesAreSet() async throws {
        let environment = ["OPENAI_API_KEY": "set", "OPPER_API_KEY": "set", "GATEWAY_API_KEY": "set"]
        let manifests = try Repository.shippedManifests()
        for manifest in manifests {
            let result = await CLIHarness(environment: environment).run(["validate", manifest])
            #expect(result.code == 0, "\(manifest): \(result.errorText)")
        }
        #expect(manifests.count >= 5)
    }

    @Test func aMissingKeyIsReportedByVariableNameOnlyWhenAStepUsesTheProvider() async throws {
        let result = await CLIHarness().run(["validate", "manifests/openai-game-icons.json"])
        #expect(result.code == AssetPipeCLI.ExitCode.invalidInput)
        #expect(result.errorText.contains("OPENAI_API_KEY"))
    }

    @Test func planListsStepsInExecutionOrderWithInputsOutputsAndProvider() async throws {
        let manifest = try CLIHarness.copyOfExample("quickstart.json")
        let result = await CLIHarness().run(["plan", manifest.path, "--output-dir", "/tmp/quickstart-plan"])
        #expect(result.code == 0)
        let headers = result.output.filter { $0.contains(". ") && $0.first?.isNumber == true }
        #expect(headers.map { $0.split(separator: " ")[1] } == ["balloon", "balloon-snow", "balloon-night", "icons", "banner"])
        #expect(headers[0] == "1. balloon  local:studio (local)  — new")
        #expect(result.output.contains("   inputs: image @balloon"))
        #expect(result.output.contains { $0.contains("/tmp/quickstart-plan/thumbs/balloon.webp (webp q80 fit 256x256)") })
        #expect(result.output.contains { $0.contains("/tmp/quickstart-plan/icons/sword-2.png (png z9)") })
        #expect(result.output.last == "5 steps: 0 cached, 0 outputs only, 5 to generate · 0 paid requests")
    }

    @Test func planShowsEachExpansionOfAMatrixStepAndRunWritesThem() async throws {
        let manifest = try CLIHarness.copyOfExample("icon-matrix.json")
        let output = manifest.deletingLastPathComponent().appendingPathComponent("out")
        let plan = await CLIHarness().run(["plan", manifest.path, "--output-dir", output.path])
        #expect(plan.code == 0)
        let headers = plan.output.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.contains(". ") && $0.first?.isNumber == true }
        let ids = headers.map { String($0.split(separator: " ")[1]) }
        #expect(ids.count == 11)
        #expect(Array(ids.prefix(3)) == ["base-sword", "base-shield", "base-bow"])
        #expect(!ids.contains("icon-bow-iron") && ids.contains("icon-bow-gold"))
        #expect(plan.output.contains("    inputs: image @base-shield"))

        let run = await CLIHarness().run(["run", manifest.path, "--output-dir", output.path])
        #expect(run.code == 0)
        let written = try FileManager.default.subpathsOfDirectory(atPath: output.appendingPathComponent("icons").path)
        #expect(written.filter { $0.hasSuffix(".png") }.sorted() == [
            "gold/bow.png", "gold/shield.png", "gold/sword.png", "iron/shield.png", "iron/sword.png",
            "wood/bow.png", "wood/shield.png", "wood/sword.png",
        ])
    }
}

/// Commands that send no request need no API key: `plan --check` is a CI gate that runs on
/// pull requests from forks, which get no secrets.
@Suite struct PlanWithoutKeysTests {
    @Test func planRunsWithoutTheKeysButRunStillAsksForThem() async throws {
        let cache = NSTemporaryDirectory() + "plan-no-keys-\(UUID().uuidString)"
        let plan = await CLIHarness().run(["plan", "manifests/openai-game-icons.json", "--cache-dir", cache])
        #expect(plan.code == 0, "\(plan.errorText)")
        #expect(plan.output.last?.hasPrefix("4 steps: 0 cached, 0 outputs only, 4 to generate · 4 paid requests") == true)
        let check = await CLIHarness().run(["plan", "manifests/openai-game-icons.json", "--cache-dir", cache, "--check"])
        #expect(check.code == AssetPipeCLI.ExitCode.stepFailed)
        let run = await CLIHarness().run(["run", "manifests/openai-game-icons.json", "--cache-dir", cache])
        #expect(run.code == AssetPipeCLI.ExitCode.invalidInput)
        #expect(run.errorText.contains("OPENAI_API_KEY"))
    }
}
