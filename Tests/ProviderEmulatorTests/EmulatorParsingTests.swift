import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// The emulator's byte-level building blocks, without sockets.
@Suite struct EmulatorParsingTests {
    @Test func parsesARequestFedOneByteAtATime() throws {
        let wire = "POST /v1/images/generations?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        var parser = HTTPRequestParser(maxBodyBytes: 1024)
        var requests: [IncomingRequest] = []
        for byte in wire.utf8 {
            parser.feed([byte])
            if let request = try parser.nextRequest() { requests.append(request) }
        }
        #expect(requests.count == 1)
        #expect(requests.first?.path == "/v1/images/generations")
        #expect(requests.first?.query == "x=1")
        #expect(requests.first?.header("content-type") == "application/json")
        #expect(requests.first?.body == Data("{\"a\":1}".utf8))
    }

    @Test func decodesChunkedBodiesAndPipelinedRequests() throws {
        let wire = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n"
            + "GET /b HTTP/1.1\r\nConnection: close\r\n\r\n"
        var parser = HTTPRequestParser(maxBodyBytes: 1024)
        parser.feed(Array(wire.utf8))
        let first = try #require(try parser.nextRequest())
        let second = try #require(try parser.nextRequest())
        #expect(first.body == Data("Wikipedia".utf8))
        #expect(first.keepsAlive)
        #expect(second.path == "/b")
        #expect(!second.keepsAlive)
        #expect(try parser.nextRequest() == nil)
    }

    @Test func asksForContinueOnceWhenTheClientExpectsIt() throws {
        var parser = HTTPRequestParser(maxBodyBytes: 1024)
        parser.feed(Array("POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(try parser.nextRequest() == nil)
        #expect(parser.awaitsContinue)
        parser.acknowledgeContinue()
        #expect(!parser.awaitsContinue)
        parser.feed(Array("abc".utf8))
        #expect(try parser.nextRequest()?.body == Data("abc".utf8))
    }

    @Test func rejectsMalformedAndOversizedRequests() {
        func error(_ wire: String, maxBody: Int = 16) -> HTTPParseError? {
            var parser = HTTPRequestParser(maxBodyBytes: maxBody)
            parser.feed(Array(wire.utf8))
            do {
                _ = try parser.nextRequest()
                return nil
            } catch {
                return error
            }
        }
        #expect(error("NONSENSE\r\n\r\n")?.status == 400)
        #expect(error("POST /a HTTP/1.1\r\nContent-Length: 99\r\n\r\n")?.status == 413)
        #expect(error("POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")?.status == 501)
        #expect(error("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")?.status == 400)
        #expect(error("GET /a HTTP/1.1\r\nX: " + String(repeating: "a", count: 70_000))?.status == 431)
    }

    /// A batch file may be far larger than any image request, so `POST /v1/files` has its own
    /// cap, decided from each request's head.
    @Test func uploadsToTheFilesAPIHaveABodyCapOfTheirOwn() throws {
        let router = RequestRouter(configuration: EmulatorConfiguration(keys: [], maxBodyBytes: 16, imageFactory: EmulatorHarness.fakeImages,
                                                                        maxUploadBytes: 64))
        var parser = HTTPRequestParser(maxBodyBytes: router.maxBodyBytes(for:))
        parser.feed(Array(("POST /v1/files HTTP/1.1\r\nContent-Length: 40\r\n\r\n" + String(repeating: "u", count: 40)).utf8))
        #expect(try parser.nextRequest()?.body.count == 40)
        parser.feed(Array("POST /v1/images/edits HTTP/1.1\r\nContent-Length: 40\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.bodyTooLarge) { try parser.nextRequest() }
    }

    @Test func formatsDurationsTheWayOpenAIHeadersDo() {
        #expect(OpenAIDuration.format(.milliseconds(12)) == "12ms")
        #expect(OpenAIDuration.format(.seconds(1)) == "1s")
        #expect(OpenAIDuration.format(.milliseconds(1500)) == "1.5s")
        #expect(OpenAIDuration.format(.seconds(360)) == "6m0s")
        #expect(OpenAIDuration.format(.seconds(3723)) == "1h2m3s")
        #expect(OpenAIDuration.format(.microseconds(1)) == "1ms")
    }

    @Test func parsesMultipartBinaryPartsContainingCRLFAndBoundaryLookalikes() throws {
        let boundary = "XyZ"
        let binary = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x0D, 0x0A]) + Data("--XyZ-not-quite\r\n--Xy".utf8)
        var body = Data("--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nline1\r\nline2\r\n".utf8)
        body += Data("--XyZ\r\nContent-Disposition: form-data; name=\"image[]\"; filename=\"a;b.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        body += binary + Data("\r\n--XyZ\r\nContent-Disposition: form-data; name=\"image[]\"; filename=\"c.webp\"\r\nContent-Type: image/webp\r\n\r\n".utf8)
        body += Data("W".utf8) + Data("\r\n--XyZ--\r\n".utf8)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"XyZ\"") == boundary)
        let parts = try MultipartParser.parse(body, boundary: boundary)
        #expect(parts.map(\.name) == ["prompt", "image[]", "image[]"])
        #expect(parts[0].data == Data("line1\r\nline2".utf8))
        #expect(parts[1].filename == "a;b.png")
        #expect(parts[1].contentType == "image/png")
        #expect(parts[1].data == binary)
        #expect(parts[2].data == Data("W".utf8))
        #expect(throws: MultipartParser.Failure.self) {
            try MultipartParser.parse(Data("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".utf8), boundary: boundary)
        }
    }

    @Test func matchesRoutesByTheirTailSoGatewayPrefixesWork() {
        #expect(Route(method: "POST", path: "/v1/images/generations") == .generations)
        #expect(Route(method: "POST", path: "/v2/router/images/edits") == .edits)
        #expect(Route(method: "GET", path: "/v1/images/generations/task-1") == .task(id: "task-1"))
        #expect(Route(method: "POST", path: "/v3/images") == .opperImages)
        #expect(Route(method: "GET", path: "/files/file-emu-1") == .file(id: "file-emu-1"))
        #expect(Route(method: "GET", path: "/v1/images/generations") == .notFound)
    }

    /// The Files API always has a prefix, which is how its files differ from issued image links.
    @Test func matchesTheFilesAndBatchRoutes() {
        #expect(Route(method: "POST", path: "/v1/files") == .uploadFile)
        #expect(Route(method: "GET", path: "/v1/files/file-emu-1") == .fileObject(id: "file-emu-1"))
        #expect(Route(method: "GET", path: "/v1/files/file-emu-1/content") == .fileContent(id: "file-emu-1"))
        #expect(Route(method: "POST", path: "/v1/batches") == .createBatch)
        #expect(Route(method: "GET", path: "/v1/batches") == .listBatches)
        #expect(Route(method: "GET", path: "/v1/batches/batch_emu1") == .batch(id: "batch_emu1"))
        #expect(Route(method: "POST", path: "/v1/batches/batch_emu1/cancel") == .cancelBatch(id: "batch_emu1"))
        #expect(Route(method: "GET", path: "/v1/batches/batch_emu1/cancel") == .notFound)
        #expect(Route(method: "GET", path: "/v1/files") == .notFound)
    }
}
