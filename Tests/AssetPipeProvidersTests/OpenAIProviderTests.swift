import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct OpenAIProviderTests {
        private func provider(_ transport: ScriptedTransport, editMode: ProviderConfig.EditMode = .multipart,
                              pacer: RecordingPacer = RecordingPacer(), clock: ManualClock = ManualClock()) throws -> OpenAIProvider {
            try OpenAIProvider(config: Fixtures.config(editMode: editMode), apiKey: Fixtures.apiKey, transport: transport,
                               clock: clock, pacer: pacer, validator: Fixtures.validator)
        }

        @Test func generationSendsTheJSONBodyWithExtraMergedVerbatim() async throws {
            let transport = ScriptedTransport(Fixtures.images(2, extraItemFields: #","revised_prompt":"a red fox, sitting","url":null"#))
            let parameters = GenerationParameters.with(n: 2, size: PixelSize(width: 1024, height: 1536), quality: "high",
                                                  background: "transparent", outputFormat: "png", user: "team-a",
                                                  extra: .object([("fallbacks", .array([.string("dall-e-3")]))]))
            let result = try await provider(transport).generateImages(Fixtures.request(model: "gw-model", parameters: parameters))
            let request = try #require(transport.requests.first)
            #expect(request.method == "POST")
            #expect(request.url.path == "/v1/images/generations")
            #expect(String(decoding: request.body, as: UTF8.self) == #"{"model":"gw-model","prompt":"a red fox","n":2,"size":"1024x1536","quality":"high","background":"transparent","output_format":"png","user":"team-a","fallbacks":["dall-e-3"]}"#)
            #expect(result.images.map(\.data) == [Fixtures.imageBytes("out0"), Fixtures.imageBytes("out1")])
            #expect(result.revisedPrompts == ["a red fox, sitting", "a red fox, sitting"])
            #expect(result.notes.isEmpty)
        }

        @Test(arguments: [1 << 60, -(1 << 53), (1 << 53) - 1, Int.min])
        func seedsAreSentExactly(seed: Int) async throws {
            let transport = ScriptedTransport(Fixtures.images())
            _ = try await provider(transport).generateImages(Fixtures.request(model: "gw-model", parameters: GenerationParameters.with(seed: seed)))
            let body = String(decoding: try #require(transport.requests.first).body, as: UTF8.self)
            #expect(body.hasSuffix(#","seed":\#(seed)}"#))
        }

        @Test(arguments: [(1 << 53) + 1, -(1 << 60) - 1, Int.max])
        func seedsTheWireWouldRoundAreRefusedBeforeSending(seed: Int) async throws {
            let transport = ScriptedTransport(Fixtures.images())
            let error = await #expect(throws: ProviderError.self) {
                try await provider(transport).generateImages(Fixtures.request(model: "gw-model", parameters: GenerationParameters.with(seed: seed)))
            }
            #expect(error?.kind == .configuration)
            #expect(error?.message.hasPrefix("seed \(seed) cannot be sent exactly") == true)
            #expect(transport.requests.isEmpty)
        }

        @Test func dropsResponseFormatForGPTImageModelsAndSaysSo() async throws {
            let transport = ScriptedTransport(Fixtures.images())
            let parameters = GenerationParameters.with(style: "vivid", extra: .object([("response_format", .string("b64_json"))]))
            let result = try await provider(transport).generateImages(Fixtures.request(model: "gpt-image-1", parameters: parameters))
            let body = try Fixtures.jsonObject(try #require(transport.requests.first))
            #expect(body["response_format"] == nil)
            #expect(body["style"] == nil)
            #expect(result.notes.count == 2)
            #expect(result.notes.contains { $0.contains("response_format") })
        }

        @Test func downloadsURLAnswers() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"{"data":[{"url":"https://cdn.example.test/x.png"}]}"#),
                                              HTTPResponse(status: 200, body: Fixtures.imageBytes("cdn")))
            let pacer = RecordingPacer()
            let result = try await provider(transport, pacer: pacer).generateImages(Fixtures.request(model: "dall-e-3"))
            #expect(result.images.first?.data == Fixtures.imageBytes("cdn"))
            #expect(result.images.first?.origin?.url == "https://cdn.example.test/x.png")
            #expect(transport.requests.last?.url.host == "cdn.example.test")
            #expect(pacer.acquired == 2)
        }

        @Test func aFailedDownloadIsFetchedAgainWithoutGeneratingAgain() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"{"data":[{"url":"https://cdn.example.test/x.png"}]}"#),
                                              HTTPResponse(status: 503, headers: ["Retry-After": "2"]))
            transport.enqueue { _ in throw URLError(.networkConnectionLost) }
            transport.enqueue(HTTPResponse(status: 200, body: Fixtures.imageBytes("cdn")))
            let clock = ManualClock()
            let provider = try provider(transport, clock: clock)
            let result = try await clock.drive(horizon: .seconds(10)) {
                try await provider.generateImages(Fixtures.request(model: "dall-e-3"))
            }
            #expect(result.images.first?.data == Fixtures.imageBytes("cdn"))
            #expect(transport.requests.map(\.method) == ["POST", "GET", "GET", "GET"])
            // Retry-After (2 s) outweighed the first backoff (0.5 s); the second backoff was 1 s.
            #expect(clock.now == .seconds(3))
        }

        @Test func aDownloadThatKeepsFailingFailsTheAttemptAfterItsLastFetch() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"{"data":[{"url":"https://cdn.example.test/x.png"}]}"#))
            for _ in 0..<ImageTransfer.downloadAttempts { transport.enqueue(HTTPResponse(status: 502)) }
            let clock = ManualClock()
            let provider = try provider(transport, clock: clock)
            let error = await #expect(throws: ProviderError.self) {
                try await clock.drive(horizon: .seconds(10)) { try await provider.generateImages(Fixtures.request(model: "dall-e-3")) }
            }
            #expect(error?.kind == .server)
            #expect(transport.requests.map(\.method) == ["POST"] + Array(repeating: "GET", count: ImageTransfer.downloadAttempts))
        }

        @Test func aDownloadRefusedForGoodIsNotFetchedAgain() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"{"data":[{"url":"https://cdn.example.test/x.png"}]}"#),
                                              HTTPResponse(status: 404))
            let error = await #expect(throws: ProviderError.self) {
                try await provider(transport).generateImages(Fixtures.request(model: "dall-e-3"))
            }
            #expect(error?.kind == .rejected)
            #expect(transport.requests.map(\.method) == ["POST", "GET"])
        }

        @Test(arguments: [
            #"{"data":[]}"#,
            #"{"created":1}"#,
            #"{"data":[{"b64_json":"UE5HIQ=="}]"#,
            #"{"data":[{"b64_json":"!!! not base64 !!!"}]}"#,
            #"{"data":[{"b64_json":"PGh0bWw+"}]}"#,
            #"{"data":[{"revised_prompt":null}]}"#,
            "<html>502</html>",
        ])
        func unusableAnswersAreClassified(body: String) async throws {
            let transport = ScriptedTransport(Fixtures.json(body))
            let error = await #expect(throws: ProviderError.self) {
                try await provider(transport).generateImages(Fixtures.request())
            }
            #expect(error?.kind == .unusableResponse)
        }

        @Test func fewerImagesThanAskedIsUnusable() async throws {
            let transport = ScriptedTransport(Fixtures.images(1))
            let error = await #expect(throws: ProviderError.self) {
                try await provider(transport).generateImages(Fixtures.request(parameters: GenerationParameters.with(n: 2)))
            }
            #expect(error?.kind == .unusableResponse)
            #expect(error?.message.contains("2") == true)
        }

        @Test func upstreamErrorsKeepTheirMessageAndNeverTheKey() async throws {
            let body = #"{"error":{"message":"Invalid key sk-test-SECRET-1234567890","type":"invalid_request_error","code":"invalid_api_key"}}"#
            let transport = ScriptedTransport(Fixtures.json(body, status: 401))
            let error = await #expect(throws: ProviderError.self) { try await provider(transport).generateImages(Fixtures.request()) }
            #expect(error?.kind == .authentication)
            #expect(error?.description == "HTTP 401: Invalid key [redacted]")
        }

        @Test func missingBaseURLIsAConfigurationError() {
            #expect(throws: ProviderError.self) {
                try OpenAIProvider(config: ProviderConfig(name: "x", api: .openai), apiKey: "k", transport: ScriptedTransport(),
                                   clock: ManualClock(), pacer: UnlimitedPacer())
            }
        }
    }
}
