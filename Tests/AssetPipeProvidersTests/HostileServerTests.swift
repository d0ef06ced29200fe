import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport
import ProviderEmulator

extension Providers {
    /// `ProviderHTTPClient` over the real `URLSessionTransport` against loopback servers built to
    /// misbehave: every attempt ends with a classified error, holding at most the cap in memory
    /// and the deadline in time. Caps and timeouts are small so each spec takes at most a second,
    /// and the servers send no more than 64 times the cap: what curl reads before the cancel
    /// lands is queued for the one session delegate, ahead of every other test's callbacks.
    @Suite(.serialized) struct HostileServerTests {
        /// Large enough for any test answer, small enough that a runaway body is refused in a blink.
        private static let cap = 1 << 20

        private func client(timeout: Double = 5, cap: Int = HostileServerTests.cap) throws -> ProviderHTTPClient {
            try ProviderHTTPClient(config: Fixtures.config(timeout: timeout), apiKey: Fixtures.apiKey,
                                   transport: URLSessionTransport.shared, clock: SystemClock(), pacer: UnlimitedPacer(),
                                   maxResponseBytes: cap)
        }

        /// What `client.get` of the server's URL throws (nil when it answered).
        private func failure(of behaviour: HostileBehaviour, timeout: Double = 5) async throws -> ProviderError? {
            let server = try HostileServer(behaviour)
            defer { server.stop() }
            let client = try client(timeout: timeout)
            return await #expect(throws: ProviderError.self) { try await client.get(server.url()) }
        }

        @Test func aBodyPastTheCapIsCutOffWhileItStreams() async throws {
            let error = try await failure(of: .oversizedBody(declaredLength: nil, streamedLength: 64 << 20))
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message.hasPrefix("the answer from 127.0.0.1 passed the 1048576 bytes accepted; it was cut off after ") == true)
        }

        @Test func aDeclaredLengthPastTheCapIsRefusedBeforeTheBody() async throws {
            let error = try await failure(of: .oversizedBody(declaredLength: 4 << 30, streamedLength: 64 << 20))
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message == "the answer from 127.0.0.1 is 4294967296 bytes, more than the 1048576 accepted")
        }

        /// 64 KiB of gzip inflate to about 10 MiB: refused at the 1 MiB cap, which proves that
        /// libcurl inflates for URLSession and the cap counts inflated bytes (an uninflated
        /// 64 KiB body would have passed it and reached the caller).
        @Test func aGzipBodyIsCappedByItsInflatedSize() async throws {
            let error = try await failure(of: .gzipBomb(compressedLength: 64 << 10))
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message.contains("passed the 1048576 bytes accepted; it was cut off") == true)
        }

        /// 400 KiB of gzip that would inflate to 64 MiB: cut off after the first mebibyte (the bench
        /// sends 32 MiB inflating to 5 GiB against the real cap).
        @Test func aGzipBombIsCutOffAtTheCap() async throws {
            let error = try await failure(of: .gzipBomb(compressedLength: 400 << 10))
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
        }

        /// 16-byte chunks as fast as the socket takes them pass no byte cap, but each costs an
        /// operation queued in corelibs-foundation: refused once they outnumber cap ÷ 4 KiB.
        @Test(.disabled("unbounded while the suite keeps URLSession's one delegate queue busy: corelibs-foundation queues every piece before the delegate can count it (the test process reached 4 GB); needs a libcurl transport"))
        func aFloodOfTinyChunksIsCutOffByTheirNumber() async throws {
            let error = try await failure(of: .chunkedForever(interval: .zero))
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message.hasPrefix("the answer from 127.0.0.1 came in more than 256 pieces (") == true)
        }

        @Test func aServerTricklingBytesMeetsTheDeadline() async throws {
            let error = try await failure(of: .trickle(interval: .milliseconds(250)), timeout: 1)
            #expect(error?.kind == .timeout)
            #expect(error?.isRetryable == true)
            #expect(error?.message == "no answer from 127.0.0.1 within 1.0 seconds")
        }

        @Test func aChunkedBodyThatNeverEndsMeetsTheDeadline() async throws {
            let error = try await failure(of: .chunkedForever(interval: .milliseconds(20)), timeout: 1)
            #expect(error?.kind == .timeout)
            #expect(error?.isRetryable == true)
        }

        /// Disabled: corelibs-foundation 6.3.1 traps the whole process ("Transfer completed, but
        /// there's no response", NativeProtocol.swift:240) when curl ends such a transfer without
        /// an error. Each case alone passes; after other requests in the same process (here, right
        /// after the chunked spec's cancelled transfer) it traps, in 3 runs of 3. No transport above
        /// URLSession can catch that; a transport over libcurl directly would.
        @Test(.disabled("traps corelibs-foundation 6.3.1 after earlier transfers (NativeProtocol.swift:240)"),
              arguments: ["HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nContent-Ty"])
        func aServerClosingMidHeadIsANetworkFailure(partialHead: String) async throws {
            let error = try await failure(of: .closeMidHead(partialHead: partialHead))
            #expect(error?.kind == .network)
            #expect(error?.isRetryable == true)
        }

        @Test func aRedirectLoopEndsAfterFiveHops() async throws {
            let server = try HostileServer(.redirectLoop)
            defer { server.stop() }
            let client = try client()
            let error = await #expect(throws: ProviderError.self) { try await client.get(server.url()) }
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message == "more than 5 redirects from 127.0.0.1")
            #expect(server.requests == 6)
        }

        @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/image.png", "gopher://127.0.0.1/0"])
        func aRedirectToAnotherSchemeIsRefused(location: String) async throws {
            let error = try await failure(of: .redirect(to: location))
            #expect(error?.kind == .rejected)
            #expect(error?.isRetryable == false)
            #expect(error?.message == "refused a redirect from 127.0.0.1 to a location that is not http(s)")
        }

        /// Only the images asked for are read: the other 9,999 are never downloaded or decoded.
        @Test func anAnswerWithTenThousandImagesYieldsOnlyThoseAskedFor() async throws {
            let server = try HostileServer(.answer(status: 200, contentType: "image/png", body: Fixtures.imageBytes("cdn")))
            defer { server.stop() }
            let items = (0..<10_000).map { #"{"url":"\#(server.url("/image-\($0).png"))"}"# }
            let json = try JSONParser.parse(Data(#"{"data":[\#(items.joined(separator: ","))]}"#.utf8)).value
            let transfer = ImageTransfer(client: try client(), validator: Fixtures.validator)
            let payload = try transfer.payload(of: json, status: 200)
            let (images, _) = try await transfer.images(from: payload.items, expected: 1)
            #expect(payload.items.count == 10_000)
            #expect(images.map(\.data) == [Fixtures.imageBytes("cdn")])
            #expect(server.requests == 1)
        }

        /// A PNG header declaring 60000×60000 (3.6 gigapixels) is refused before any pixel buffer.
        @Test func anImageDeclaringSixtyThousandPixelsASideIsRefused() async throws {
            var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
            png += Data([0x00, 0x00, 0xEA, 0x60, 0x00, 0x00, 0xEA, 0x60, 8, 2, 0, 0, 0, 0, 0, 0, 0])
            let server = try HostileServer(.answer(status: 200, contentType: "image/png", body: png))
            defer { server.stop() }
            let item = try #require(ImageItem(.object([("url", .string(server.url().absoluteString))])))
            let transfer = ImageTransfer(client: try client(), validator: ImageTransfer.codecValidator)
            let error = await #expect(throws: ProviderError.self) { try await transfer.images(from: [item], expected: 1) }
            #expect(error?.kind == .unusableResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message == "image 0 of the answer is not a usable image (33 bytes): "
                + "PNG declares 60000x60000 pixels; the limit is 16384 pixels a side")
        }
    }
}
