import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// `assetpipe models` offline: its command line, its help, and what it says without a network
/// (the emulator specs are in the integration suite, `EndToEndModels`).
@Suite struct ModelsCommandTests {
    private let cli = CLIHarness()

    @Test func takesAManifestAndAtMostOneProvider() throws {
        let invocation = try ArgumentParser.parse(["models", "pack.json", "opper", "--json"])
        #expect(invocation.action == .execute(.models))
        #expect(invocation.manifestPath == "pack.json")
        #expect(invocation.providerName == "opper")
        #expect(invocation.json)
        #expect(throws: UsageError(message: "unexpected argument 'openai': models takes a manifest and a provider")) {
            try ArgumentParser.parse(["models", "pack.json", "opper", "openai"])
        }
        #expect(try ArgumentParser.parse(["help", "models"]).action == .help(.command(.models)))
    }

    @Test func helpSaysWhatItAsksAndHowItExits() async {
        let help = await cli.run(["help", "models"])
        #expect(help.code == 0)
        let text = help.output.joined(separator: "\n")
        #expect(text.contains("Usage: assetpipe models MANIFEST [PROVIDER]"))
        #expect(text.contains("GET /v3/images/models") && text.contains("GET /models"))
        #expect(text.contains("Exits 0 when every model ref is known, 1 when"))
        let overview = await cli.run(["--help"])
        #expect(overview.output.joined().contains("models     list what each provider offers"))
    }

    @Test func theOfflineQuickstartIsAllKnownWithoutAKey() async throws {
        let result = await cli.run(["models", try CLIHarness.copyOfExample("quickstart.json").path])
        #expect(result.code == 0, "\(result.errorText)")
        #expect(result.output == ["local (local): takes any model name (renders offline); the manifest uses studio"])
        #expect(result.errors == ["1 provider asked · 1 model ref checked, all known"])
    }

    @Test func anUnknownProviderIsAUsageErrorWithADidYouMean() async throws {
        let manifest = try CLIHarness.writeManifest("""
            {"version": 1, "providers": {"opper": {"api": "opper", "base_url": "http://127.0.0.1:9/v3"}},
             "steps": [{"id": "a", "model": "local:studio", "prompt": "p"}]}
            """)
        let result = await cli.run(["models", manifest.path, "oper"])
        #expect(result.code == 2)
        #expect(result.errors == [#"error: no provider 'oper' in the manifest (it has local, opper); did you mean "opper"?"#])
        #expect(result.output.isEmpty)
    }

    @Test func anInvalidManifestExitsTwoNamingEveryProblem() async throws {
        let manifest = try CLIHarness.writeManifest(#"{"version": 1, "steps": [{"id": "a", "model": "nowhere:m", "prompt": "p"}]}"#)
        let result = await cli.run(["models", manifest.path])
        #expect(result.code == 2)
        #expect(result.errorText.contains("steps[0].model"), "\(result.errorText)")
    }
}
