import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct OpperProviderTests {
        private func provider(_ transport: ScriptedTransport) throws -> OpperProvider {
            try OpperProvider(config: Fixtures.config("opper", api: .opper), apiKey: Fixtures.apiKey, transport: transport,
                              clock: ManualClock(), pacer: UnlimitedPacer(), validator: Fixtures.validator)
        }

        @Test func sendsTheV3BodyAndKeepsFileIDsURLsAndCost() async throws {
            let image = Fixtures.imageBytes("o").base64EncodedString()
            let answer = #"{"id":"img_1","model":"openai/gpt-image-1","created":1,"data":[{"b64_json":"\#(image)","mime_type":"image/png","file_id":"file_9","url":"https://files.opper.test/9.png","revised_prompt":"fox"}],"usage":{"cost":0.042,"images":1}}"#
            let transport = ScriptedTransport(Fixtures.json(answer))
            let parameters = GenerationParameters.with(size: PixelSize(width: 1024, height: 1024), quality: "high", background: "opaque",
                                                  extra: .object([("store", .bool(true)),
                                                                  ("parameters", .object([("seed_mode", .string("fixed"))]))]))
            let result = try await provider(transport).generateImages(Fixtures.request(model: "openai/gpt-image-1", parameters: parameters))
            let sent = try #require(transport.requests.first)
            #expect(sent.url.absoluteString == "https://api.example.test/v1/images")
            #expect(String(decoding: sent.body, as: UTF8.self) == #"{"model":"openai/gpt-image-1","prompt":"a red fox","size":"1024x1024","quality":"high","store":true,"parameters":{"background":"opaque","seed_mode":"fixed"}}"#)
            #expect(result.cost == 0.042)
            #expect(result.revisedPrompts == ["fox"])
            #expect(result.images.first?.origin == ImageOrigin(provider: "opper", fileID: "file_9", url: "https://files.opper.test/9.png"))
        }

        @Test func reusesItsOwnFileIDsAndUploadsOtherProvidersBytes() async throws {
            let transport = ScriptedTransport(Fixtures.images())
            let own = Fixtures.image("own", origin: ImageOrigin(provider: "opper", fileID: "file_1"))
            let foreign = Fixtures.image("foreign", format: .jpeg, origin: ImageOrigin(provider: "openai", fileID: "file_x"))
            let request = Fixtures.request(model: "openai/gpt-image-1", images: [.encoded(own), .encoded(foreign)],
                                           mask: .url("https://x.test/mask.png"), referenceImages: [.encoded(own)])
            _ = try await provider(transport).generateImages(request)
            let body = try Fixtures.jsonObject(try #require(transport.requests.first))
            let images = try #require(body["image"] as? [Any])
            #expect(images[0] as? String == "file_1")
            #expect(images[1] as? String == "data:image/jpeg;base64," + foreign.data.base64EncodedString())
            #expect(body["mask"] as? String == "https://x.test/mask.png")
            #expect((body["reference_images"] as? [String]) == ["file_1"])
        }

        @Test func bridgesSizeToAspectRatioForRatioModels() async throws {
            let transport = ScriptedTransport(Fixtures.images())
            let parameters = GenerationParameters.with(size: PixelSize(width: 1536, height: 1024))
            let result = try await provider(transport).generateImages(Fixtures.request(model: "google/imagen-4", parameters: parameters))
            let body = try Fixtures.jsonObject(try #require(transport.requests.first))
            #expect(body["size"] == nil)
            #expect(body["aspect_ratio"] as? String == "4:3")
            #expect(result.notes == ["size 1536x1024 sent as aspect_ratio 4:3: google/imagen-4 is sized by aspect ratio"])
        }
    }
}
