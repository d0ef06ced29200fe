import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// Each endpoint's wire format, authentication and what the log records, through URLSession.
@Suite struct EmulatorEndpointTests {
    typealias H = EmulatorHarness

    @Test func refusesMissingAndUnknownKeysWithoutNamingThem() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        let missing = try await H.postJSON(url, ["prompt": "a cat"], key: nil)
        let wrong = try await H.postJSON(url, ["prompt": "a cat"], key: "sk-wrong-secret")
        for reply in [missing, wrong] {
            #expect(reply.status == 401)
            #expect(H.errorCode(reply) == "invalid_api_key")
            #expect(H.string(reply.json?["error"]?["type"]) == "invalid_request_error")
            #expect(reply.json?["error"]?["param"] == .null)
            #expect(reply.header("WWW-Authenticate") == nil)
            #expect(!String(decoding: reply.body, as: UTF8.self).contains("sk-wrong"))
        }
        #expect(emulator.requests.map(\.key) == [.missing, .unrecognized])
        #expect(emulator.requests.allSatisfy { $0.headers["authorization"] != "Bearer sk-wrong-secret" })
        #expect(emulator.requests.last?.headers["authorization"] == "<redacted>")
    }

    @Test func generatesBase64ImagesWithUsageAndRecordsTheBody() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        let reply = try await H.postJSON(url, ["model": "gpt-image-1", "prompt": "a red fox", "n": 2, "size": "1024x1024",
                                                "quality": "high", "output_format": "webp", "user": "step:fox"])
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type") == "application/json")
        let items = H.dataItems(reply)
        #expect(items.count == 2)
        let images = items.compactMap { H.string($0["b64_json"]).flatMap { Data(base64Encoded: $0) } }
        #expect(images.map { String(decoding: $0, as: UTF8.self) } == ["FAKE|generation|gpt-image-1|1|0|a red fox",
                                                                       "FAKE|generation|gpt-image-1|1|1|a red fox"])
        #expect(H.string(reply.json?["output_format"]) == "webp")
        #expect(H.number(reply.json?["usage"]?["total_tokens"]) != nil)
        #expect(H.number(reply.json?["created"]) != nil)
        #expect(reply.header("x-request-id") == "req-emu-1")

        let record = try #require(emulator.requests(path: "/v1/images/generations").first)
        #expect(record.model == "gpt-image-1")
        #expect(record.prompt == "a red fox")
        #expect(record.key == .matched(label: "main"))
        #expect(record.status == 200)
        #expect(record.outcome == .responded)
        #expect(record.imagesReturned == 2)
        #expect(record.body.json?["user"] == .string("step:fox"))
        #expect(try #require(record.completion) >= record.arrival)
    }

    @Test func answersWithDownloadableURLsWhenAskedOrConfigured() async throws {
        let emulator = try H.emulator(models: ["dall-e-3": ModelBehavior(answersWithURL: true, maxImages: 1, revisesPrompt: true)])
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        let reply = try await H.postJSON(url, ["model": "dall-e-3", "prompt": "a lighthouse"])
        let item = try #require(H.dataItems(reply).first)
        #expect(item["b64_json"] == nil)
        #expect(H.string(item["revised_prompt"])?.contains("a lighthouse") == true)
        let link = try #require(H.string(item["url"]).flatMap(URL.init(string:)))
        let download = try await H.get(link, key: nil)
        #expect(download.status == 200)
        #expect(download.header("Content-Type") == "image/png")
        #expect(String(decoding: download.body, as: UTF8.self) == "FAKE|generation|dall-e-3|1|0|a lighthouse")
        #expect(emulator.requests.last?.key == .missing)

        let tooMany = try await H.postJSON(url, ["model": "dall-e-3", "prompt": "x", "n": 2])
        #expect(tooMany.status == 400)
        #expect(H.string(tooMany.json?["error"]?["param"]) == "n")
        let missing = try await H.get(emulator.baseURL.appendingPathComponent("files/file-emu-99"), key: nil)
        #expect(missing.status == 404)
    }

    @Test func validatesParametersLikeTheRealAPI() async throws {
        let emulator = try H.emulator(models: ["gpt-image-1": ModelBehavior(rejectedParameters: ["response_format"])],
                                      unknownModels: nil)
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        let rejected = try await H.postJSON(url, ["model": "gpt-image-1", "prompt": "x", "response_format": "b64_json"])
        #expect(rejected.status == 400)
        #expect(H.string(rejected.json?["error"]?["message"]) == "Unknown parameter: 'response_format'.")
        let badSize = try await H.postJSON(url, ["model": "gpt-image-1", "prompt": "x", "size": "1024×1024"])
        #expect(H.errorCode(badSize) == "invalid_image_request")
        let noPrompt = try await H.postJSON(url, ["model": "gpt-image-1"])
        #expect(H.string(noPrompt.json?["error"]?["param"]) == "prompt")
        let transparentJPEG = try await H.postJSON(url, ["model": "gpt-image-1", "prompt": "x", "background": "transparent",
                                                         "output_format": "jpeg"])
        #expect(transparentJPEG.status == 400)
        let unknown = try await H.postJSON(url, ["model": "imaginary-9", "prompt": "x"])
        #expect(unknown.status == 404)
        #expect(H.errorCode(unknown) == "model_not_found")
        let notJSON = try await H.send(H.request(url, contentType: "application/json", body: Data("{nope".utf8)))
        #expect(notJSON.status == 400)
        let wrongPath = try await H.postJSON(emulator.openAIBaseURL.appendingPathComponent("images/nothing"), ["prompt": "x"])
        #expect(wrongPath.status == 404)
    }

    @Test func recordsInlineImageInputsOnGenerations() async throws {
        let emulator = try H.emulator(models: ["text-only": ModelBehavior(acceptsImageInputs: false)])
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        let reply = try await H.postJSON(url, ["model": "seedream", "prompt": "make it blue",
                                                "image": ["data:image/png;base64,\(bytes.base64EncodedString())",
                                                          "https://example.com/a.png", bytes.base64EncodedString()]])
        #expect(reply.status == 200)
        let inputs = try #require(emulator.requests.last?.inputs)
        try #require(inputs.count == 3)
        guard case let .dataURI(file) = inputs[0].form else {
            Issue.record("expected a data URI, got \(inputs[0].form)")
            return
        }
        #expect(file.sha256 == SHA256.hex(bytes))
        #expect(file.contentType == "image/png")
        #expect(inputs[1].form == .url("https://example.com/a.png"))
        guard case .base64 = inputs[2].form else {
            Issue.record("expected base64, got \(inputs[2].form)")
            return
        }
        #expect(String(decoding: H.firstImage(reply) ?? Data(), as: UTF8.self).hasPrefix("FAKE|edit|seedream"))

        let refused = try await H.postJSON(url, ["model": "text-only", "prompt": "x", "image": "https://example.com/a.png"])
        #expect(refused.status == 400)
    }

    @Test func parsesMultipartEditsWithRepeatedImagesAndAMask() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let first = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x0D, 0x0A, 0x2D, 0x2D, 0x00, 0xFF])
        let second = Data("RIFF\r\n\r\nWEBP".utf8)
        var form = H.Multipart()
        form.field("model", "gpt-image-1")
        form.field("prompt", "put them together\r\nplease")
        form.field("n", "1")
        form.file("image[]", filename: "first.png", contentType: "image/png", first)
        form.file("image[]", filename: "second.webp", contentType: "image/webp", second)
        form.file("mask", filename: "mask.png", contentType: "image/png", Data([0, 0, 0, 0]))
        let reply = try await H.postMultipart(emulator.openAIBaseURL.appendingPathComponent("images/edits"), form)
        #expect(reply.status == 200)
        #expect(String(decoding: H.firstImage(reply) ?? Data(), as: UTF8.self) == "FAKE|edit|gpt-image-1|1|0|put them together\r\nplease")

        let record = try #require(emulator.requests.last)
        #expect(record.body.formFields["prompt"] == "put them together\r\nplease")
        let files = record.body.files
        #expect(files.map(\.fieldName) == ["image[]", "image[]", "mask"])
        #expect(files.map(\.filename) == ["first.png", "second.webp", "mask.png"])
        #expect(files.map(\.contentType) == ["image/png", "image/webp", "image/png"])
        #expect(files[0].bytes == first)
        #expect(files[0].byteCount == first.count)
        #expect(files[1].sha256 == SHA256.hex(second))
        #expect(record.inputs.map(\.field) == ["image[]", "image[]", "mask"])
    }

    @Test func rejectsEditPartsWithoutAnImageContentType() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        var form = H.Multipart()
        form.field("prompt", "x")
        form.file("image", filename: "a.png", contentType: "application/octet-stream", Data([1, 2, 3]))
        let reply = try await H.postMultipart(emulator.openAIBaseURL.appendingPathComponent("images/edits"), form)
        #expect(reply.status == 400)
        #expect(H.string(reply.json?["error"]?["message"])?.contains("unsupported mimetype ('application/octet-stream')") == true)

        var noImage = H.Multipart()
        noImage.field("prompt", "x")
        let missing = try await H.postMultipart(emulator.openAIBaseURL.appendingPathComponent("images/edits"), noImage)
        #expect(H.string(missing.json?["error"]?["param"]) == "image")
    }

    @Test func servesVariations() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        var form = H.Multipart()
        form.file("image", filename: "in.png", contentType: "image/png", Data([9, 9, 9]))
        form.field("n", "3")
        form.field("size", "256x256")
        form.field("response_format", "b64_json")
        let reply = try await H.postMultipart(emulator.openAIBaseURL.appendingPathComponent("images/variations"), form)
        #expect(reply.status == 200)
        #expect(H.dataItems(reply).count == 3)
        #expect(String(decoding: H.firstImage(reply) ?? Data(), as: UTF8.self) == "FAKE|variation|dall-e-2|1|0|")
        #expect(emulator.requests.last?.model == "dall-e-2")
    }

    @Test func servesOpperImagesWithStoredFilesAndFileIDReuse() async throws {
        let emulator = try H.emulator(models: ["openai/gpt-image-1": ModelBehavior(),
                                               "flux-schnell": ModelBehavior(acceptsImageInputs: false)])
        defer { emulator.stop() }
        let url = emulator.opperBaseURL.appendingPathComponent("images")
        let first = try await H.postJSON(url, ["model": "openai/gpt-image-1", "prompt": "a castle", "n": 2,
                                               "aspect_ratio": "16:9", "parameters": ["seed": 7]])
        #expect(first.status == 200)
        #expect(H.string(first.json?["id"]) == "img-emu-1")
        #expect(H.number(first.json?["usage"]?["cost"]) == 0.5)
        #expect(H.number(first.json?["usage"]?["images"]) == 2)
        let items = H.dataItems(first)
        #expect(items.count == 2)
        let item = try #require(items.first)
        #expect(H.string(item["mime_type"]) == "image/png")
        #expect(item["b64_json"] != nil)
        let fileID = try #require(H.string(item["file_id"]))
        let stored = try #require(emulator.storedFile(fileID))
        #expect(String(decoding: stored.data, as: UTF8.self) == "FAKE|generation|openai/gpt-image-1|1|0|a castle")
        let link = try #require(H.string(item["url"]).flatMap(URL.init(string:)))
        #expect(try await H.get(link, key: nil).body == stored.data)

        let edit = try await H.postJSON(url, ["model": "openai/gpt-image-1", "prompt": "add a moat", "image": fileID,
                                              "mask": "data:image/png;base64,AAAA",
                                              "reference_images": ["https://example.com/ref.png", fileID],
                                              "store": false, "response_format": "url"])
        #expect(edit.status == 200)
        let editItem = try #require(H.dataItems(edit).first)
        #expect(editItem["file_id"] == nil)
        #expect(editItem["b64_json"] == nil)
        #expect(editItem["url"] != nil)
        let inputs = try #require(emulator.requests.last?.inputs)
        try #require(inputs.map(\.field) == ["image", "mask", "reference_images", "reference_images"])
        #expect(inputs[0].form == .fileID(fileID))
        #expect(inputs[2].form == .url("https://example.com/ref.png"))
        #expect(inputs[3].form == .fileID(fileID))

        // The page: each input is a string; an object is a type error, as on Opper itself.
        for (field, value) in [("image", ["file_id": fileID] as Any), ("mask", ["file_id": fileID]), ("reference_images", [["file_id": fileID]])] {
            let object = try await H.postJSON(url, ["model": "openai/gpt-image-1", "prompt": "x", field: value])
            #expect(object.status == 400)
            #expect(H.string(object.json?["error"]?["code"]) == "invalid_type")
            #expect(H.string(object.json?["error"]?["param"]) == field)
        }
        let unknownFile = try await H.postJSON(url, ["model": "openai/gpt-image-1", "prompt": "x", "image": "file-never-issued"])
        #expect(unknownFile.status == 400)
        #expect(H.string(unknownFile.json?["error"]?["param"]) == "image")
        let textOnly = try await H.postJSON(url, ["model": "flux-schnell", "prompt": "x", "image": fileID])
        #expect(textOnly.status == 400)
        let tooMany = try await H.postJSON(url, ["model": "openai/gpt-image-1", "prompt": "x", "n": 5])
        #expect(tooMany.status == 400)
    }

    @Test func keepsConnectionsAliveAndAcceptsChunkedBodies() throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let connection = try RawConnection(port: emulator.port)
        defer { connection.close() }
        let json = #"{"model":"m","prompt":"chunked"}"#
        let chunked = "POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(H.secret)\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(String(json.utf8.count - 5, radix: 16))\r\n\(json.dropLast(5))\r\n5\r\n\(json.suffix(5))\r\n0\r\n\r\n"
        connection.send(chunked)
        connection.send(RawConnection.request("POST", "/v1/images/generations", json: #"{"prompt":"second"}"#))
        let (data, end) = connection.readAll()
        #expect(end == .closed)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        #expect(emulator.requests.map(\.prompt) == ["chunked", "second"])
    }

    @Test func answersExpectContinueBeforeTheBodyIsSent() throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let connection = try RawConnection(port: emulator.port)
        defer { connection.close() }
        let json = #"{"prompt":"expect"}"#
        connection.send("POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(H.secret)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
        var interim = [UInt8](repeating: 0, count: 25)
        let count = interim.withUnsafeMutableBytes { recv(connection.socket, $0.baseAddress, $0.count, Int32(MSG_WAITALL)) }
        #expect(String(decoding: interim.prefix(max(0, count)), as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        connection.send(json)
        #expect(connection.readResponse()?.status == 200)
        #expect(emulator.requests.last?.prompt == "expect")
    }

    @Test func stopsPromptlyAndIdempotently() throws {
        let emulator = try H.emulator()
        let port = emulator.port
        #expect(port > 0)
        #expect(emulator.openAIBaseURL.absoluteString == "http://127.0.0.1:\(port)/v1")
        let idle = try RawConnection(port: port)
        defer { idle.close() }
        // A served request proves the connection was accepted (a backlog connection is reset).
        idle.send(RawConnection.request("GET", "/files/none", close: false))
        #expect(idle.readResponse()?.status == 404)
        emulator.stop()
        emulator.stop()
        // Closed by stop(): readAll would otherwise wait for the idle timeout to close it.
        #expect(idle.readAll().end == .closed)
        #expect(throws: RawConnection.Failure.self) { try RawConnection(port: port) }
    }
}
