import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

/// The four reference pages in `shared/api-docs/` are the specification: every request example
/// is what the client builds for the same settings, and every answer example is one it reads.
/// The examples are kept verbatim in `ReferencePages/` (see its README).
@Suite struct ReferencePageContractTests {
    static let apiKey = "sk-contract-0123456789"

    // MARK: Opper `POST /v3/images` (000)

    @Test func opperGenerateRequestIsThePagesExample() async throws {
        let transport = ScriptedTransport(try Page.answer("000-opper/generate.response.json"))
        let provider = try OpperProvider(config: Page.config("opper", .opper, "https://api.opper.ai/v3"), apiKey: Self.apiKey,
                                         transport: transport, clock: ManualClock(), pacer: UnlimitedPacer())
        _ = try await provider.generate(Page.request(model: "openai/gpt-image-1",
                                                     prompt: "a wide-angle photo of a hot air balloon over green hills at dawn",
                                                     size: "1024x1024"))
        let sent = try #require(transport.requests.first)
        try Page.expectRequest(sent, "POST", "https://api.opper.ai/v3/images", body: "000-opper/generate.request.json")
    }

    @Test func opperGenerateResponseIsReadWithItsFileIDURLRevisedPromptAndCost() async throws {
        let transport = ScriptedTransport(try Page.answer("000-opper/generate.response.json"))
        let provider = try OpperProvider(config: Page.config("opper", .opper, "https://api.opper.ai/v3"), apiKey: Self.apiKey,
                                         transport: transport, clock: ManualClock(), pacer: UnlimitedPacer())
        let result = try await provider.generateImages(Page.request(model: "openai/gpt-image-1", prompt: "p"))
        #expect(result.images.map(\.data) == [Page.image])
        #expect(result.images.first?.origin == ImageOrigin(provider: "opper", fileID: "file_...", url: "https://...presigned..."))
        #expect(result.revisedPrompts == ["..."])
        #expect(result.cost == 0.011)
    }

    @Test func opperEditRequestPassesAStoredImageAsABareFileIDString() async throws {
        let transport = ScriptedTransport(try Page.answer("000-opper/generate.response.json"))
        let provider = try OpperProvider(config: Page.config("opper", .opper, "https://api.opper.ai/v3"), apiKey: Self.apiKey,
                                         transport: transport, clock: ManualClock(), pacer: UnlimitedPacer())
        let stored = try EncodedImage(validating: Page.image, origin: ImageOrigin(provider: "opper", fileID: "file_abc123"))
        _ = try await provider.generate(Page.request(model: "openai/gpt-image-1", prompt: "put the balloon over a snowy mountain range",
                                                     images: [.encoded(stored)]))
        try Page.expectRequest(try #require(transport.requests.first), "POST", "https://api.opper.ai/v3/images",
                               body: "000-opper/edit.request.json")
    }

    // MARK: A router's `/v2/router/images/*` (001)

    private func router(_ transport: ScriptedTransport) throws -> OpenAIProvider {
        try OpenAIProvider(config: Page.config("router", .openai, "https://router.example.test/v2/router"), apiKey: Self.apiKey,
                           transport: transport, clock: ManualClock(), pacer: UnlimitedPacer())
    }

    @Test func routerGenerationsSendOnlyTheDocumentedParametersPlusFallbacks() async throws {
        let transport = ScriptedTransport(try Page.answer("002-opengateway/generate.response.json"))
        var parameters = GenerationParameters.with(n: 2, size: PixelSize(width: 1024, height: 1024), quality: "high", background: "opaque",
                                              style: "vivid", moderation: "low", outputFormat: "webp", outputCompression: 80)
        parameters.extra = .object([("fallbacks", .array([.string("dall-e-3")]))])
        _ = try? await router(transport).generate(Page.request(model: "router-image", prompt: "p", parameters: parameters))
        let sent = try #require(transport.requests.first)
        #expect(sent.url.absoluteString == "https://router.example.test/v2/router/images/generations")
        let body = try Fixtures.jsonObject(sent)
        let documented = Set(try Page.routerParameters("generations"))
        #expect(Set(body.keys).subtracting(documented) == ["fallbacks"], "only documented fields, and the fallbacks the page names")
        #expect(body["fallbacks"] as? [String] == ["dall-e-3"])
    }

    @Test func routerEditsAndVariationsAreMultipartWithTheDocumentedFields() async throws {
        let image = try EncodedImage(validating: Page.image)
        for (operation, endpoint, fields) in [(Step.Operation.generate, "edits", ["model", "prompt", "size", "quality", "image", "mask"]),
                                              (.variation, "variations", ["model", "size", "image"])] {
            let transport = ScriptedTransport(try Page.answer("002-opengateway/generate.response.json"))
            let parameters = GenerationParameters.with(size: PixelSize(width: 1024, height: 1024), quality: operation == .variation ? nil : "high")
            _ = try await router(transport).generate(Page.request(model: "router-image", prompt: "p", parameters: parameters,
                                                                  operation: operation, images: [.encoded(image)],
                                                                  mask: operation == .variation ? nil : .encoded(image)))
            let sent = try #require(transport.requests.first)
            #expect(sent.url.absoluteString == "https://router.example.test/v2/router/images/\(endpoint)")
            let names = FormPart.parse(sent.body, contentType: sent.headers["Content-Type"]).compactMap(\.name)
            #expect(Set(names).isSubset(of: Set(try Page.routerParameters(endpoint))), "\(endpoint): \(names)")
            #expect(Set(names) == Set(fields), "\(endpoint): \(names)")
        }
    }

    // MARK: OpenGateway `POST /v1/images/generations` (002)

    private func gateway(_ transport: ScriptedTransport, headers: [String: String] = [:]) throws -> OpenAIProvider {
        try OpenAIProvider(config: Page.config("gateway", .openai, "https://apis.opengateway.ai/v1", headers: headers),
                           apiKey: Self.apiKey, transport: transport, clock: ManualClock(), pacer: UnlimitedPacer())
    }

    @Test func openGatewayRequestIsThePagesExampleWithItsAnalyticsHeaders() async throws {
        let transport = ScriptedTransport(try Page.answer("002-opengateway/generate.response.json"))
        let headers = ["x-opengateway-user-id": "user-7", "x-opengateway-session-id": "session-3"]
        _ = try await gateway(transport, headers: headers).generate(Page.request(
            model: "openai/gpt-image-2", prompt: "A small red cube on a white background.", size: "1024x1024", quality: "medium"))
        let sent = try #require(transport.requests.first)
        try Page.expectRequest(sent, "POST", "https://apis.opengateway.ai/v1/images/generations",
                               body: "002-opengateway/generate.request.json")
        #expect(sent.headers["x-opengateway-user-id"] == "user-7")
        #expect(sent.headers["x-opengateway-session-id"] == "session-3")
    }

    @Test func openGatewayResponseIsReadAndItsRoutingAttemptsReportedWhenThereWereSeveral() async throws {
        let single = try await gateway(ScriptedTransport(try Page.answer("002-opengateway/generate.response.json")))
            .generateImages(Page.request(model: "openai/gpt-image-2", prompt: "p"))
        #expect(single.images.map(\.data) == [Page.image])
        #expect(single.notes.isEmpty)

        let rerouted = try Page.text("002-opengateway/generate.response.json").replacingOccurrences(
            of: #""attempts": ["#, with: #""attempts": [{"provider": "azure", "region": "eu", "status": "failed"},"#)
        let routed = try await gateway(ScriptedTransport(Page.answer(text: rerouted)))
            .generateImages(Page.request(model: "openai/gpt-image-2", prompt: "p"))
        #expect(routed.notes == ["gateway routing: azure/eu failed, openai/global succeeded"])
    }

    // MARK: An async-task platform's `/v1/images/generations` (003)

    private func platform(_ transport: ScriptedTransport, editMode: ProviderConfig.EditMode = .multipart) throws -> OpenAIProvider {
        try OpenAIProvider(config: Page.config("platform", .openai, "https://api-platform.ope.ai/v1", editMode: editMode),
                           apiKey: Self.apiKey, transport: transport, clock: ManualClock(), pacer: UnlimitedPacer())
    }

    @Test func platformGenerateRequestIsThePagesExample() async throws {
        let transport = ScriptedTransport(try Page.answer("003-async-platform/async.response.json"))
        _ = try await platform(transport).generate(Page.request(
            model: "qwen-image-2.0", prompt: "Generate an image showcasing AI image generation capabilities.", size: "1024x1024",
            quality: "auto"))
        try Page.expectRequest(try #require(transport.requests.first), "POST", "https://api-platform.ope.ai/v1/images/generations",
                               body: "003-async-platform/generate.request.json")
    }

    @Test func platformImageInputIsAJSONImageFieldOnGenerations() async throws {
        let transport = ScriptedTransport(try Page.answer("003-async-platform/async.response.json"))
        _ = try await platform(transport, editMode: .inline).generate(Page.request(
            model: "qwen-image-2.0", prompt: "Keep the subject and change the background to a clean product studio.",
            size: "1024x1024", quality: "auto", images: [.url("https://example.com/input.png")]))
        try Page.expectRequest(try #require(transport.requests.first), "POST", "https://api-platform.ope.ai/v1/images/generations",
                               body: "003-async-platform/image-input.request.json")
    }

    @Test func platformSyncAnswerWithAnEmptyBase64IsReadFromItsURL() async throws {
        let transport = ScriptedTransport(try Page.answer("003-async-platform/sync.response.json"), HTTPResponse(status: 200, body: Page.image))
        let result = try await platform(transport).generateImages(Page.request(model: "qwen-image-2.0", prompt: "p"))
        #expect(result.images.map(\.data) == [Page.image])
        #expect(result.revisedPrompts == ["Generate an image showcasing AI image generation capabilities."])
        #expect(transport.requests.last?.url.absoluteString == "https://example.com/generated-image.png")
        #expect(transport.requests.last?.headers["Authorization"] == nil, "the key stays with the platform")
    }

    @Test func platformAsyncAnswerIsATaskToPoll() async throws {
        let answer = try await platform(ScriptedTransport(try Page.answer("003-async-platform/async.response.json")))
            .generate(Page.request(model: "qwen-image-2.0", prompt: "p"))
        guard case .task(id: "image_2f9b9a3d8c1e4f5a6b7c8d9e") = answer else {
            Issue.record("expected the page's task, got \(answer)")
            return
        }
    }

    @Test func platformErrorIsARefusalWithThePagesMessage() async throws {
        let transport = ScriptedTransport(try Page.answer("003-async-platform/error.response.json", status: 400))
        let error = await #expect(throws: ProviderError.self) {
            try await platform(transport).generate(Page.request(model: "qwen-image-2.0", prompt: "p"))
        }
        #expect(error?.kind == .rejected)
        #expect(error?.httpStatus == 400)
        #expect(error?.message == "response_format must be one of: b64_json, url")
    }
}
