import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// The model lists: Opper's `GET /v3/images/models` with capabilities, the OpenAI-compatible
/// `GET /models` with ids only, both chosen by the configuration and guarded like every route.
@Suite struct EmulatorModelListTests {
    typealias H = EmulatorHarness

    private func ids(_ reply: H.Reply) -> [String] {
        H.dataItems(reply).compactMap { H.string($0["id"]) }
    }

    @Test func opperListsTheConfiguredModelsWithSizesAspectRatiosAndEditSupport() async throws {
        let emulator = try H.emulator(opperModels: [
            OfferedModel(id: "openai/gpt-image-1", ownedBy: "openai", sizes: ["1024x1024", "1536x1024"], supportsEdit: true),
            OfferedModel(id: "google/imagen-4", ownedBy: "google", aspectRatios: ["1:1", "16:9"]),
        ])
        defer { emulator.stop() }
        let reply = try await H.get(emulator.opperBaseURL.appendingPathComponent("images/models"))
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/json")
        #expect(H.string(reply.json?["object"]) == "list")
        #expect(ids(reply) == ["openai/gpt-image-1", "google/imagen-4"])
        let items = H.dataItems(reply)
        #expect(items[0]["sizes"] == .array([.string("1024x1024"), .string("1536x1024")]))
        #expect(items[0]["aspect_ratios"] == nil)
        #expect(items[0]["supports_edit"] == .bool(true))
        #expect(items[1]["sizes"] == nil)
        #expect(items[1]["aspect_ratios"] == .array([.string("1:1"), .string("16:9")]))
        #expect(items[1]["supports_edit"] == .bool(false))
        #expect(emulator.requests.last?.key == .matched(label: "main"))
    }

    @Test func openAIListsEveryModelOfTheAccountWithoutCapabilitiesUnderAnyPrefix() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let v1 = try await H.get(emulator.openAIBaseURL.appendingPathComponent("models"))
        let router = try await H.get(emulator.baseURL.appendingPathComponent("v2/router/models"))
        for reply in [v1, router] {
            #expect(reply.status == 200)
            #expect(ids(reply) == OfferedModel.openAIDefaults.map(\.id))
            let first = try #require(H.dataItems(reply).first)
            #expect(H.string(first["object"]) == "model")
            #expect(H.number(first["created"]) == RequestRouter.modelsCreated)
            #expect(H.string(first["owned_by"]) == "system")
            #expect(first["sizes"] == nil && first["supports_edit"] == nil)
        }
        #expect(ids(v1).contains("text-embedding-3-small"), "the default list mixes in models that make no images")
    }

    @Test func bothListsNeedAKeyAndTakeInjectedFaults() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let opper = emulator.opperBaseURL.appendingPathComponent("images/models")
        let openAI = emulator.openAIBaseURL.appendingPathComponent("models")
        for url in [opper, openAI] {
            let missing = try await H.get(url, key: nil)
            #expect(missing.status == 401)
            #expect(H.errorCode(missing) == "invalid_api_key")
        }
        emulator.inject(.status(500), matching: .path("/v3/images/models"))
        emulator.inject(.status(503, retryAfter: "3"), matching: .path("/v1/models"))
        let failedOpper = try await H.get(opper)
        let failedOpenAI = try await H.get(openAI)
        #expect(failedOpper.status == 500)
        #expect(H.string(failedOpper.json?["error"]?["type"]) == "server_error")
        #expect(failedOpenAI.status == 503)
        #expect(failedOpenAI.header("retry-after") == "3")
        #expect(emulator.pendingFaults.isEmpty)
        #expect(try await H.get(opper).status == 200)
    }

    @Test func anEmptyConfiguredListIsAnEmptyList() async throws {
        let emulator = try H.emulator(opperModels: [], openAIModels: [])
        defer { emulator.stop() }
        #expect(ids(try await H.get(emulator.opperBaseURL.appendingPathComponent("images/models"))).isEmpty)
        #expect(ids(try await H.get(emulator.openAIBaseURL.appendingPathComponent("models"))).isEmpty)
    }
}
