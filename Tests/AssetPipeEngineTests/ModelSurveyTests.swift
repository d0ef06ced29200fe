import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// `assetpipe models` below the command line: which providers are asked, how each ref is
/// checked against its provider's answer, and what a provider that cannot answer leaves.
@Suite struct ModelSurveyTests {
    /// A provider whose list is scripted.
    private struct ListingProvider: ImageProvider, ModelListing {
        var list: Result<ModelList, ProviderError>

        func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
            throw ProviderError(.configuration, "not for generating")
        }

        func listModels() async throws -> ModelList { try list.get() }
    }

    private static let lists: [String: Result<ModelList, ProviderError>] = [
        "fake": .success(ModelList(models: [ListedModel(id: "gpt-image-1"), ListedModel(id: "dall-e-3")], otherModels: ["gpt-4o"])),
        "down": .failure(ProviderError(.server, "upstream unavailable", httpStatus: 503)),
    ]

    private func survey(_ manifest: Manifest) -> ModelSurvey {
        ModelSurvey(manifest: manifest, environment: [:], providerFactory: { config, context in
            if config.api == .local { return try StandardProviders.make(config, context) }
            guard let list = Self.lists[config.name] else { return ScriptedProvider(name: config.name, clock: ManualClock()) }
            return ListingProvider(list: list)
        }, clock: ManualClock())
    }

    private func manifest() -> Manifest {
        var builder = ManifestBuilder()
        for name in ["fake", "down", "scripted", "idle"] { builder.provider(name) }
        builder.step("hero", model: "fake:gpt-imgae-1", fallbacks: ["fake:dall-e-3", "down:gpt-image-1"])
        builder.step("logo", model: "fake:gpt-imgae-1", fallbacks: ["fake:gpt-4o"])
        builder.step("icon", model: "scripted:anything")
        return builder.manifest
    }

    @Test func everyRemoteEntryIsAskedAndLocalOnlyWhenARefUsesIt() {
        #expect(survey(manifest()).defaultProviderNames == ["down", "fake", "idle", "scripted"])
        var builder = ManifestBuilder()
        builder.step("balloon", model: "local:studio")
        #expect(survey(builder.manifest).defaultProviderNames == ["local"])
    }

    @Test func refsItsProviderDoesNotOfferAreUnknownWithTheClosestItDoes() async throws {
        let answers = await survey(manifest()).survey(["fake"])
        let fake = try #require(answers.first)
        #expect(fake.uses.map(\.model.model) == ["gpt-imgae-1", "dall-e-3", "gpt-4o"])
        #expect(fake.unknownRefs == [ProviderModels.UnknownRef(
            use: ModelUse(model: ModelRef(provider: "fake", model: "gpt-imgae-1"), steps: ["hero", "logo"]), suggestion: "gpt-image-1")])
        #expect(fake.catalog?.ids == ["gpt-image-1", "dall-e-3", "gpt-4o"], "a listed model the manifest uses is shown")
        #expect(fake.steps(using: "dall-e-3") == ["hero"])
    }

    @Test func aProviderThatCannotAnswerIsReportedAndItsRefsAreNotJudged() async throws {
        let answers = await survey(manifest()).survey(["down", "scripted", "idle", "fake"])
        #expect(answers.map(\.config.name) == ["down", "scripted", "idle", "fake"], "in the order asked")
        let down = try #require(answers.first)
        guard case let .failure(error) = down.outcome else { Issue.record("down answered"); return }
        #expect(error.description == "HTTP 503: upstream unavailable")
        #expect(down.unknownRefs.isEmpty)
        guard case let .failure(cannot) = answers[1].outcome else { Issue.record("scripted answered"); return }
        #expect(cannot.message == "this provider cannot list its models")
        #expect(answers[2].uses.isEmpty && answers[2].unknownRefs.isEmpty)
        #expect(!answers.allRefsKnown)
    }

    @Test func aMissingKeyIsThatProvidersErrorNamingTheVariable() async throws {
        var builder = ManifestBuilder()
        builder.providers["keyed"] = ProviderConfig(name: "keyed", api: .openai, baseURL: URL(string: "https://example.invalid/v1"),
                                                    apiKeyEnv: "KEYED_API_KEY")
        let survey = ModelSurvey(manifest: builder.manifest, environment: [:], providerFactory: StandardProviders.make, clock: ManualClock())
        let answer = try #require(await survey.survey(["keyed"]).first)
        guard case let .failure(error) = answer.outcome else { Issue.record("answered without a key"); return }
        #expect(error.kind == .configuration)
        #expect(error.message.contains("KEYED_API_KEY is not set"))
    }

    @Test func localOffersWhateverTheManifestCallsItsModels() async throws {
        var builder = ManifestBuilder()
        builder.step("balloon", model: "local:studio")
        let local = try #require(await survey(builder.manifest).survey(["local"]).first)
        #expect(local.catalog?.acceptsAnyName == true)
        #expect(local.unknownRefs.isEmpty)
        #expect([local].allRefsKnown)
    }
}
