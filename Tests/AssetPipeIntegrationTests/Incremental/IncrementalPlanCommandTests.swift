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

/// `plan --check` as a CI gate and `plan --json` for scripts.
@Suite struct IncrementalPlanCommandTests {
    @Test func planCheckExitsOneUntilTheAssetsAreUpToDateAndOneAgainAfterAnyChange() async throws {
        var manifest = PackManifest.standard
        let pack = try Pack(manifest)
        let before = await pack.command("plan", ["--check"])
        #expect(before.code == AssetPipeCLI.ExitCode.stepFailed)
        #expect(before.errorText.contains("assets are out of date: run 'assetpipe run "), "\(before.errorText)")
        #expect(before.requests.isEmpty && !FileManager.default.fileExists(atPath: pack.outputFolder.path), "plan generates nothing")

        #expect(await pack.run().code == 0)
        #expect(await pack.command("plan", ["--check"]).code == 0)

        manifest["base"].outputs[0] = #"{ "path": "base.png", "compression": 9 }"#
        try pack.write(manifest)
        #expect(await pack.command("plan", ["--check"]).code == AssetPipeCLI.ExitCode.stepFailed, "a stale output is out of date too")
        #expect(await pack.run().code == 0)
        #expect(await pack.command("plan", ["--check"]).code == 0)

        manifest["other"].prompt = "a sailing boat"
        try pack.write(manifest)
        #expect(await pack.command("plan", ["--check"]).code == AssetPipeCLI.ExitCode.stepFailed)
        let json = await pack.command("plan", ["--check", "--json"])
        #expect(json.code == AssetPipeCLI.ExitCode.stepFailed)
        #expect(json.errors.isEmpty, "with --json, stdout is the whole answer")
        #expect(try JSONValue(parsing: json.output.joined(separator: "\n"))["up_to_date"] == .bool(false))
    }

    @Test func planJSONSaysPerStepWhatARunWouldDoWhyAndWhatItWouldCost() async throws {
        var manifest = PackManifest.paid(perImage: 0.25)
        let pack = try Pack(manifest)
        #expect(await pack.run().code == 0)
        manifest["mid"].prompt = "the lighthouse at dusk"
        manifest["other"].outputs = [#"{ "path": "other.png", "compression": 9 }"#]
        try pack.write(manifest)

        let result = await pack.command("plan", ["--json"])
        #expect(result.code == 0)
        let plan = try JSONValue(parsing: result.output.joined(separator: "\n"))
        #expect(plan["up_to_date"] == .bool(false))
        #expect(plan["paid_requests"] == .number(2))
        #expect(plan["estimated_cost"] == .number(0.5))
        let steps = try #require(plan["steps"]?.arrayValue)
        let byID = Dictionary(uniqueKeysWithValues: steps.compactMap { step in step["id"]?.stringValue.map { ($0, step) } })
        let order = steps.compactMap { $0["id"]?.stringValue }
        #expect(Set(order) == manifest.stepIDs && order.count == 4)
        #expect(try #require(order.firstIndex(of: "base")) < (try #require(order.firstIndex(of: "mid"))))
        #expect(try #require(order.firstIndex(of: "mid")) < (try #require(order.firstIndex(of: "top"))))

        let base = try #require(byID["base"]), mid = try #require(byID["mid"])
        let top = try #require(byID["top"]), other = try #require(byID["other"])
        #expect(base["status"] == .string("cached") && base["reason"] == .string("cached"))
        #expect(base["key"] == (try pack.locked("base")?.key).map(JSONValue.string))
        #expect(base["estimated_cost"] == nil)
        #expect(mid["status"] == .string("generate") && mid["reason"] == .string("changed (prompt)"))
        #expect(mid["estimated_cost"] == .number(0.25))
        #expect(mid["key"]?.stringValue.map(CacheFiles.isHash) == true, "mid's inputs are known, so its new key is")
        #expect(mid["key"] != (try pack.locked("mid")?.key).map(JSONValue.string))
        #expect(top["status"] == .string("generate") && top["reason"] == .string("changed (upstream mid)"))
        #expect(top["key"] == nil, "top's key depends on an image mid has not produced yet")
        #expect(other["status"] == .string("outputs_only") && other["reason"] == .string("outputs only (settings)"))
        #expect(top["model"] == .string(PackManifest.paidModel) && top["api"] == .string("openai"))
        #expect(top["inputs"] == .array([.string("image @mid")]))
        #expect(top["outputs"] == .array([.string("top.png")]))
        #expect(result.requests.isEmpty)
    }
}
