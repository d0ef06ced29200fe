import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// `assetpipe models` against the emulator's Opper and OpenAI-compatible model lists, through
/// the real transport: the tables, the typo it catches, its exit codes, the PROVIDER filter,
/// and that no key is ever printed.
@Suite struct EndToEndModels {
    private static let environment = EndToEnd.environment(["main"])
    private let cli = CLIHarness(environment: EndToEndModels.environment)

    /// A manifest with an OpenAI-compatible entry (overriding gpt-image-1), an Opper entry, and
    /// `steps` (a JSON list).
    private func manifest(_ emulator: ProviderEmulator, steps: String, opperKeyVariable: String = EndToEnd.keyVariable("main"),
                          opperBaseURL: URL? = nil) throws -> URL {
        try CLIHarness.writeManifest("""
            {"version": 1,
             "providers": {
               "openai": {"api": "openai", "base_url": "\(emulator.openAIBaseURL)", "api_key_env": "\(EndToEnd.keyVariable("main"))",
                          "timeout_s": 5, "models": {"gpt-image-1": {"sizes": ["1024x1024"]}}},
               "opper": {"api": "opper", "base_url": "\(opperBaseURL ?? emulator.opperBaseURL)", "api_key_env": "\(opperKeyVariable)",
                         "timeout_s": 5}
             },
             "steps": \(steps)}
            """)
    }

    private static let typoSteps = """
        [{"id": "hero", "model": "openai:gpt-imgae-1", "fallbacks": ["opper:openai/gpt-image-1"], "prompt": "p"},
         {"id": "logo", "model": "openai:dall-e-3", "prompt": "p"},
         {"id": "banner", "model": "opper:google/imagen4", "prompt": "p"}]
        """

    private static let correctSteps = """
        [{"id": "hero", "model": "openai:gpt-image-1", "fallbacks": ["opper:openai/gpt-image-1"], "prompt": "p"},
         {"id": "banner", "model": "opper:google/imagen-4", "prompt": "p"}]
        """

    private func expectNoSecret(_ result: CLIHarness.Result) {
        let printed = (result.output + result.errors).joined(separator: "\n")
        #expect(!printed.contains(EndToEnd.secret("main")))
    }

    @Test func theTablesShowEachListAndATypoIsUnknownWithTheModelMeant() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let result = await cli.run(["models", try manifest(emulator, steps: Self.typoSteps).path])
        #expect(result.code == 1, "\(result.errorText)")
        #expect(result.output == [
            "openai (openai): 3 image models, 3 other models not shown (--verbose lists them)",
            "  USED  MODEL        SOURCE             SIZES / ASPECT RATIOS            EDITS",
            "        gpt-image-1  manifest override  1024x1024                        yes",
            "  *     dall-e-3     built-in table     1024x1024, 1792x1024, 1024x1792  no",
            "        dall-e-2     built-in table     256x256, 512x512, 1024x1024      yes",
            "",
            "opper (opper): 3 image models",
            "  USED  MODEL                          SOURCE    SIZES / ASPECT RATIOS            EDITS",
            "  *     openai/gpt-image-1             provider  1024x1024, 1536x1024, 1024x1536  yes",
            "        google/gemini-2.5-flash-image  provider  1:1, 3:2, 2:3, 16:9              yes",
            "        google/imagen-4                provider  1:1, 3:4, 4:3, 9:16, 16:9        no",
            "",
            "Unknown model refs:",
            #"  openai:gpt-imgae-1 (hero): openai does not offer it; did you mean "openai:gpt-image-1"?"#,
            #"  opper:google/imagen4 (banner): opper does not offer it; did you mean "opper:google/imagen-4"?"#,
        ])
        #expect(result.errors == ["2 providers asked · 4 model refs checked, 2 unknown"])
        #expect(emulator.requests.map(\.path).sorted() == ["/v1/models", "/v3/images/models"])
        #expect(emulator.requests.allSatisfy { $0.key == .matched(label: "main") && $0.status == 200 })
        expectNoSecret(result)
    }

    @Test func verboseListsTheModelsThatMakeNoImages() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let result = await cli.run(["models", try manifest(emulator, steps: Self.correctSteps).path, "openai", "--verbose"])
        #expect(result.output.contains("  other models: gpt-4o, text-embedding-3-small, whisper-1"))
    }

    @Test func everyRefKnownExitsZero() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let result = await cli.run(["models", try manifest(emulator, steps: Self.correctSteps).path])
        #expect(result.code == 0, "\(result.output)")
        #expect(!result.output.contains("Unknown model refs:"))
        #expect(result.errors == ["2 providers asked · 3 model refs checked, all known"])
    }

    @Test func aNamedProviderIsTheOnlyOneAsked() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let result = await cli.run(["models", try manifest(emulator, steps: Self.typoSteps).path, "opper"])
        #expect(result.code == 1)
        #expect(result.output.first == "opper (opper): 3 image models")
        #expect(result.output.last == #"  opper:google/imagen4 (banner): opper does not offer it; did you mean "opper:google/imagen-4"?"#)
        #expect(!result.output.contains { $0.contains("openai:") })
        #expect(emulator.requests.map(\.path) == ["/v3/images/models"])
    }

    @Test func providersAreAskedAtOnce() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")], latency: .milliseconds(300))
        defer { emulator.stop() }
        let result = await cli.run(["models", try manifest(emulator, steps: Self.correctSteps).path])
        #expect(result.code == 0)
        #expect(emulator.maxConcurrency(forKey: "main") == 2)
    }

    @Test func aProviderThatCannotBeAskedIsReportedWithoutItsKeyAndTheOthersStillAnswer() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let secret = EndToEnd.secret("main")
        emulator.inject(.apiError(status: 401, message: "Incorrect API key provided: \(secret).", type: "invalid_request_error",
                                  code: "invalid_api_key"), matching: .path("/v3/images/models"))
        let refused = await cli.run(["models", try manifest(emulator, steps: Self.typoSteps).path])
        #expect(refused.code == 1)
        #expect(refused.output.contains("opper (opper): could not list its models: HTTP 401: Incorrect API key provided: [redacted].; "
                                        + "its model refs are not checked"))
        #expect(refused.output.contains(#"  openai:gpt-imgae-1 (hero): openai does not offer it; did you mean "openai:gpt-image-1"?"#))
        #expect(!refused.output.contains { $0.contains("opper:google/imagen4") }, "unchecked, not unknown")
        #expect(refused.errors == ["2 providers asked, 1 could not answer · 2 model refs checked, 1 unknown, 2 not checked"])
        expectNoSecret(refused)

        let unset = await cli.run(["models", try manifest(emulator, steps: Self.correctSteps, opperKeyVariable: "E2E_UNSET_KEY").path])
        #expect(unset.code == 1)
        #expect(unset.output.contains("opper (opper): could not list its models: provider 'opper': environment variable "
                                      + "E2E_UNSET_KEY is not set; its model refs are not checked"))
        #expect(unset.errors == ["2 providers asked, 1 could not answer · 1 model ref checked, none unknown, 2 not checked"])
    }

    @Test func aServerErrorOrAClosedPortIsTheProvidersError() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let closed = try EndToEnd.emulator(accounts: [])
        let closedURL = closed.opperBaseURL
        closed.stop()
        emulator.inject(.status(500), matching: .path("/v1/models"))
        let result = await cli.run(["models", try manifest(emulator, steps: Self.correctSteps, opperBaseURL: closedURL).path])
        #expect(result.code == 1)
        #expect(result.output.contains { $0.hasPrefix("openai (openai): could not list its models: HTTP 500: The server had an error") })
        #expect(result.output.contains { $0.hasPrefix("opper (opper): could not list its models: connection failed") }, "\(result.output)")
        let quiet = await cli.run(["models", try manifest(emulator, steps: Self.correctSteps, opperBaseURL: closedURL).path, "--quiet"])
        #expect(quiet.output.count == 1 && quiet.output[0].hasPrefix("opper (opper): could not list its models"))
        #expect(quiet.errors.isEmpty)
    }

    @Test func jsonSaysTheSameForScripts() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("main")])
        defer { emulator.stop() }
        let result = await cli.run(["models", try manifest(emulator, steps: Self.typoSteps).path, "--json"])
        #expect(result.code == 1)
        #expect(result.errors.isEmpty)
        let json = try JSONValue(parsing: Data(result.output.joined(separator: "\n").utf8))
        #expect(json["all_known"] == .bool(false))
        #expect(json["unknown"]?.arrayValue?.first == .object([
            ("model", .string("openai:gpt-imgae-1")), ("used_by", .array([.string("hero")])),
            ("suggestion", .string("openai:gpt-image-1")),
        ]))
        let openAI = try #require(json["providers"]?.arrayValue?.first)
        #expect(openAI["name"] == .string("openai") && openAI["listed"] == .bool(true))
        #expect(openAI["other_models"]?.arrayValue?.count == 3)
        #expect(openAI["used"] == .array([.string("gpt-imgae-1"), .string("dall-e-3")]))
        let dalle = try #require(openAI["models"]?.arrayValue?[1])
        #expect(dalle["id"] == .string("dall-e-3") && dalle["source"] == .string("built-in table"))
        #expect(dalle["aspect_ratios"] == .null && dalle["supports_edit"] == .bool(false))
        #expect(dalle["used_by"] == .array([.string("logo")]))
        expectNoSecret(result)
    }
}
