import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    /// What each provider says it offers: the request it sends for its list, how leniently the
    /// answer is read, which OpenAI-compatible models count as image models, and its errors.
    @Suite struct ModelListTests {
        private func opper(_ transport: ScriptedTransport, baseURL: URL = Fixtures.baseURL) throws -> OpperProvider {
            let config = ProviderConfig(name: "opper", api: .opper, baseURL: baseURL)
            return try OpperProvider(config: config, apiKey: Fixtures.apiKey, transport: transport, clock: ManualClock(),
                                     pacer: UnlimitedPacer())
        }

        private func openAI(_ transport: ScriptedTransport, pacer: any RequestPacer = UnlimitedPacer(),
                            models: [String: ModelCapabilities] = [:]) throws -> OpenAIProvider {
            try OpenAIProvider(config: Fixtures.config(models: models), apiKey: Fixtures.apiKey, transport: transport,
                               clock: ManualClock(), pacer: pacer)
        }

        @Test func opperAsksTheV3ModelsEndpointOfItsPageWithTheKey() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"{"data":[{"id":"openai/gpt-image-1","sizes":["1024x1024"],"aspect_ratios":[],"supports_edit":true}]}"#))
            let list = try await opper(transport, baseURL: try #require(URL(string: "https://api.opper.ai/v3"))).listModels()
            let sent = try #require(transport.requests.first)
            #expect(sent.method == "GET")
            #expect(sent.url.absoluteString == "https://api.opper.ai/v3/images/models")
            #expect(sent.headers["Authorization"] == "Bearer \(Fixtures.apiKey)")
            #expect(list == ModelList(models: [ListedModel(id: "openai/gpt-image-1", sizes: ["1024x1024"], aspectRatios: [],
                                                           supportsEdits: true)]))
        }

        @Test(arguments: [
            #"[{"name":"m","sizes":["1024x1024"],"edit":true}]"#,
            #"{"models":[{"model":"m","supported_sizes":["1024x1024"],"image_to_image":true}]}"#,
            #"{"data":[{"id":"m","capabilities":{"sizes":["1024x1024"],"supports_edits":true}}]}"#,
            #"{"data":[{"id":"m","sizes":["1024x1024"],"capabilities":["text_to_image","image-to-image"]}]}"#,
        ])
        func opperListsAreReadWhateverTheyCallTheirFields(_ answer: String) async throws {
            let list = try await opper(ScriptedTransport(Fixtures.json(answer))).listModels()
            #expect(list.models == [ListedModel(id: "m", sizes: ["1024x1024"], supportsEdits: true)])
        }

        @Test func aCapabilityListWithoutEditMeansNoEditsAndNamelessEntriesAreSkipped() async throws {
            let answer = #"{"data":[{"id":"t2i","aspect_ratios":["1:1"],"capabilities":["text_to_image"]},{"sizes":["1x1"]},"bare-id",""]}"#
            let list = try await opper(ScriptedTransport(Fixtures.json(answer))).listModels()
            #expect(list.models == [ListedModel(id: "t2i", aspectRatios: ["1:1"], supportsEdits: false), ListedModel(id: "bare-id")])
        }

        @Test func anAnswerThatHoldsNoListIsUnusable() async throws {
            for answer in [#"{"object":"list"}"#, #"{"data":"none"}"#, "not json"] {
                let error = await #expect(throws: ProviderError.self) {
                    try await opper(ScriptedTransport(Fixtures.json(answer))).listModels()
                }
                #expect(error?.kind == .unusableResponse, "\(answer)")
            }
        }

        @Test func openAIListsImageModelsAndKeepsTheOthersApart() async throws {
            let ids = ["gpt-4o", "gpt-image-1", "text-embedding-3-small", "dall-e-3", "whisper-1", "black-forest-labs/flux-1-schnell",
                       "gemini-2.5-flash-image", "stable-diffusion-xl", "house-painter"]
            let items = ids.map { #"{"id":"\#($0)","object":"model","created":1,"owned_by":"system"}"# }
            let transport = ScriptedTransport(Fixtures.json(#"{"object":"list","data":[\#(items.joined(separator: ","))]}"#))
            var painter = ModelCapabilities()
            painter.sizes = ["512x512"]
            let list = try await openAI(transport, models: ["house-painter": painter]).listModels()
            #expect(transport.requests.first?.url.absoluteString == "https://api.example.test/v1/models")
            #expect(list.models.map(\.id) == ["gpt-image-1", "dall-e-3", "black-forest-labs/flux-1-schnell", "gemini-2.5-flash-image",
                                              "stable-diffusion-xl", "house-painter"])
            #expect(list.otherModels == ["gpt-4o", "text-embedding-3-small", "whisper-1"])
            #expect(list.models.allSatisfy { !$0.describesCapabilities }, "the list says nothing about capabilities")
        }

        @Test func aListingGoesThroughThePacerAndItsErrorsAreClassifiedWithoutTheKey() async throws {
            let pacer = RecordingPacer()
            let transport = ScriptedTransport(
                Fixtures.json(#"{"error":{"message":"Invalid key \#(Fixtures.apiKey)","type":"invalid_request_error"}}"#, status: 401),
                Fixtures.json(#"{"error":{"message":"upstream down","type":"server_error"}}"#, status: 503))
            let provider = try openAI(transport, pacer: pacer)
            let refused = await #expect(throws: ProviderError.self) { try await provider.listModels() }
            #expect(refused?.kind == .authentication)
            #expect(refused?.description == "HTTP 401: Invalid key [redacted]")
            let down = await #expect(throws: ProviderError.self) { try await provider.listModels() }
            #expect(down?.kind == .server)
            #expect(pacer.acquired == 2)
        }

        @Test func localTakesAnyModelName() async throws {
            #expect(try await LocalProvider().listModels() == ModelList(models: [], acceptsAnyName: true))
        }
    }
}
