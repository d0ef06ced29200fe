import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct OpenAIEditTests {
        private func provider(_ transport: ScriptedTransport, editMode: ProviderConfig.EditMode = .multipart) throws -> OpenAIProvider {
            try OpenAIProvider(config: Fixtures.config(editMode: editMode), apiKey: Fixtures.apiKey, transport: transport,
                               clock: ManualClock(), pacer: UnlimitedPacer(), validator: Fixtures.validator)
        }

        private func parts(_ request: HTTPRequest?) -> [FormPart] {
            guard let request else { return [] }
            return FormPart.parse(request.body, contentType: request.headers["Content-Type"])
        }

        @Test func oneImageGoesAsAnImagePartWithItsExactBytes() async throws {
            let transport = ScriptedTransport(Fixtures.images())
            let source = Fixtures.image("upstream", format: .jpeg)
            let request = Fixtures.request(parameters: GenerationParameters.with(quality: "low"), images: [.encoded(source)],
                                           mask: .encoded(Fixtures.image("mask")))
            _ = try await provider(transport).generateImages(request)
            let sent = try #require(transport.requests.first)
            #expect(sent.url.path == "/v1/images/edits")
            #expect(sent.headers["Content-Type"]?.hasPrefix("multipart/form-data; boundary=") == true)
            let form = parts(sent)
            #expect(form.map(\.name) == ["model", "prompt", "quality", "image", "mask"])
            #expect(form.prefix(3).map(\.text) == ["gpt-image-1", "a red fox", "low"])
            #expect(form[3].content == source.data)
            #expect(form[3].filename == "image-0.jpg")
            #expect(form[3].contentType == "image/jpeg")
            #expect(form[4].filename == "mask.png")
            #expect(form[4].contentType == "image/png")
        }

        @Test func severalImagesGoAsRepeatedImageArrayParts() async throws {
            let transport = ScriptedTransport(Fixtures.images())
            let inputs = ["a", "b"].map { InputImage.encoded(Fixtures.image($0)) }
            let result = try await provider(transport).generateImages(
                Fixtures.request(images: inputs, referenceImages: [.encoded(Fixtures.image("c", format: .jpeg))]))
            let files = parts(transport.requests.first).filter { $0.filename != nil }
            #expect(files.map(\.name) == ["image[]", "image[]", "image[]"])
            #expect(files.map(\.filename) == ["image-0.png", "image-1.png", "image-2.jpg"])
            #expect(files.map(\.content) == [Fixtures.imageBytes("a"), Fixtures.imageBytes("b"), Fixtures.imageBytes("c", format: .jpeg)])
            #expect(result.notes.contains { $0.contains("reference_images") })
        }

        @Test func urlInputsAreDownloadedThenUploaded() async throws {
            let transport = ScriptedTransport(HTTPResponse(status: 200, body: Fixtures.imageBytes("remote")), Fixtures.images())
            _ = try await provider(transport).generateImages(Fixtures.request(images: [.url("https://files.example.test/in.png")]))
            #expect(transport.requests.map(\.method) == ["GET", "POST"])
            #expect(transport.requests.first?.headers["Authorization"] == nil)
            #expect(parts(transport.requests.last).first { $0.name == "image" }?.content == Fixtures.imageBytes("remote"))
        }

        @Test func anInputThatIsNotAnImageIsAConfigurationError() async throws {
            let transport = ScriptedTransport(HTTPResponse(status: 200, body: Data("<html>".utf8)))
            let error = await #expect(throws: ProviderError.self) {
                try await provider(transport).generateImages(Fixtures.request(images: [.url("https://files.example.test/in.png")]))
            }
            #expect(error?.kind == .configuration)
            #expect(transport.requests.count == 1)
        }

        @Test func inlineModeSendsDataURLsOnGenerations() async throws {
            let transport = ScriptedTransport(Fixtures.images(), Fixtures.images())
            let provider = try provider(transport, editMode: .inline)
            let image = Fixtures.image("up")
            _ = try await provider.generateImages(Fixtures.request(model: "async-model", images: [.encoded(image)]))
            _ = try await provider.generateImages(Fixtures.request(model: "async-model",
                                                             images: [.encoded(image), .url("https://x.test/b.png")]))
            let single = try Fixtures.jsonObject(transport.requests[0])
            #expect(transport.requests[0].url.path == "/v1/images/generations")
            #expect(single["image"] as? String == "data:image/png;base64," + image.data.base64EncodedString())
            let several = try Fixtures.jsonObject(transport.requests[1])
            #expect(several["image"] as? [String] == ["data:image/png;base64," + image.data.base64EncodedString(), "https://x.test/b.png"])
        }

        @Test func variationsUseTheVariationsEndpointWithoutAPrompt() async throws {
            let transport = ScriptedTransport(Fixtures.images(2))
            let request = Fixtures.request(model: "dall-e-2", parameters: GenerationParameters.with(n: 2, size: PixelSize(width: 512, height: 512)),
                                           operation: .variation, images: [.encoded(Fixtures.image("v"))])
            let result = try await provider(transport).generateImages(request)
            let sent = try #require(transport.requests.first)
            #expect(sent.url.path == "/v1/images/variations")
            #expect(parts(sent).map(\.name) == ["model", "n", "size", "image"])
            #expect(result.images.count == 2)
        }
    }
}
