import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    /// OpenAI's Batch API on the wire: the lines a request becomes, the calls around a batch, and
    /// how each result line is read back — images validated as a synchronous answer's, failures
    /// classified as a synchronous error's.
    @Suite struct OpenAIBatchTests {
        private func provider(_ transport: ScriptedTransport) throws -> OpenAIProvider {
            try OpenAIProvider(config: Fixtures.config(), apiKey: Fixtures.apiKey, transport: transport, clock: ManualClock(),
                               pacer: RecordingPacer(), validator: Fixtures.validator)
        }

        private func json(_ line: BatchLine) throws -> JSONValue {
            try JSONParser.parse(line.encoded).value
        }

        @Test func aGenerationIsOneLineOnTheGenerationsEndpoint() throws {
            let request = Fixtures.request(model: "gpt-image-1", parameters: GenerationParameters.with(n: 2, quality: "high"))
            let line = try #require(try provider(ScriptedTransport()).batchLine(for: request, customID: "k1"))
            #expect(line.endpoint == .generations && line.model == "gpt-image-1")
            #expect(line.encoded.last == UInt8(ascii: "\n") && line.encoded.dropLast().firstIndex(of: UInt8(ascii: "\n")) == nil)
            #expect(String(decoding: line.encoded, as: UTF8.self)
                    == #"{"custom_id":"k1","method":"POST","url":"/v1/images/generations","body":{"model":"gpt-image-1","prompt":"a red fox","n":2,"quality":"high"}}"# + "\n")
        }

        @Test func anEditIsAJSONEditWithItsImagesAsURLs() throws {
            let request = Fixtures.request(images: [.encoded(Fixtures.image("in"))], mask: .url("https://cdn.example/mask.png"),
                                           referenceImages: [.url("https://cdn.example/style.png")])
            let line = try #require(try provider(ScriptedTransport()).batchLine(for: request, customID: "k2"))
            let body = try json(line)["body"]
            #expect(line.endpoint == .edits)
            #expect(try json(line)["url"] == .string("/v1/images/edits"))
            #expect(body?["images"]?.arrayValue?.compactMap { $0["image_url"]?.stringValue } == [
                "data:image/png;base64,\(Fixtures.imageBytes("in").base64EncodedString())", "https://cdn.example/style.png",
            ])
            #expect(body?["mask"]?["image_url"] == .string("https://cdn.example/mask.png"))
        }

        @Test func aVariationCannotGoInABatch() throws {
            let request = Fixtures.request(operation: .variation, images: [.encoded(Fixtures.image("in"))])
            #expect(try provider(ScriptedTransport()).batchLine(for: request, customID: "k3") == nil)
        }

        @Test func uploadsTheFileForBatchesAndCreatesTheBatchOnIt() async throws {
            let transport = ScriptedTransport(
                Fixtures.json(#"{"id":"file-abc","object":"file","purpose":"batch"}"#),
                Fixtures.json(#"{"id":"batch_1","object":"batch","status":"validating","input_file_id":"file-abc","request_counts":{"total":2,"completed":0,"failed":0},"metadata":{"assetpipe":"t1"}}"#))
            let provider = try provider(transport)
            let fileID = try await provider.uploadBatchInput(Data("line\n".utf8), filename: "t1.jsonl")
            let batch = try await provider.createBatch(inputFileID: fileID, endpoint: .generations, metadata: ["assetpipe": "t1"])
            #expect(batch == BatchObject(id: "batch_1", status: .validating, inputFileID: "file-abc", total: 2, metadata: ["assetpipe": "t1"]))
            let (upload, create) = (transport.requests[0], transport.requests[1])
            #expect(upload.url.absoluteString == "https://api.example.test/v1/files")
            let parts = FormPart.parse(upload.body, contentType: upload.headers["Content-Type"])
            #expect(parts.map(\.name) == ["purpose", "file"])
            #expect(parts.first?.text == "batch" && parts.last?.filename == "t1.jsonl" && parts.last?.text == "line\n")
            #expect(create.url.absoluteString == "https://api.example.test/v1/batches")
            #expect(String(decoding: create.body, as: UTF8.self)
                    == #"{"input_file_id":"file-abc","endpoint":"/v1/images/generations","completion_window":"24h","metadata":{"assetpipe":"t1"}}"#)
            #expect(create.headers["Authorization"] == "Bearer \(Fixtures.apiKey)")
        }

        @Test func readsABatchsStateCountsAndValidationErrors() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"""
                {"id":"batch_2","status":"failed","errors":{"object":"list","data":[{"code":"invalid_url","message":"bad url","line":3}]},"output_file_id":null,"request_counts":{"total":5,"completed":0,"failed":0}}
                """#))
            let batch = try await provider(transport).batch(id: "batch_2")
            #expect(batch.status == .failed && batch.status.isFinal && batch.outputFileID == nil && batch.total == 5)
            #expect(batch.errors == [.init(code: "invalid_url", message: "bad url", line: 3)])
            #expect(transport.requests.first?.url.absoluteString == "https://api.example.test/v1/batches/batch_2")
        }

        @Test func resultLinesAreReadByCustomIDAndClassifiedLikeSynchronousAnswers() async throws {
            let image = Fixtures.imageBytes("out0").base64EncodedString()
            let content = Data("""
            {"id":"r2","custom_id":"refused","response":{"status_code":400,"request_id":"q2","body":{"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","code":"moderation_blocked"}}},"error":null}
            {"id":"r1","custom_id":"ok","response":{"status_code":200,"request_id":"q1","body":{"created":1,"data":[{"b64_json":"\(image)"}]}},"error":null}
            {"id":"r3","custom_id":"late","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}

            """.utf8)
            let lines = Dictionary(uniqueKeysWithValues: BatchResultLine.lines(in: content).map { ($0.customID, $0) })
            #expect(lines.keys.sorted() == ["late", "ok", "refused"])
            let provider = try provider(ScriptedTransport())
            let result = try await provider.result(of: try #require(lines["ok"]), for: Fixtures.request())
            #expect(result.images.map(\.data) == [Fixtures.imageBytes("out0")])
            let (refusedLine, lateLine) = (try #require(lines["refused"]), try #require(lines["late"]))
            let refused = await #expect(throws: ProviderError.self) { try await provider.result(of: refusedLine, for: Fixtures.request()) }
            #expect(refused?.kind == .rejected && refused?.httpStatus == 400)
            let late = await #expect(throws: ProviderError.self) { try await provider.result(of: lateLine, for: Fixtures.request()) }
            #expect(late?.kind == .taskFailed && late?.isRetryable == true)
        }
    }
}
