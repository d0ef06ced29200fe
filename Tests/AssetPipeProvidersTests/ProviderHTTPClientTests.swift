import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct ProviderHTTPClientTests {
        private func client(_ transport: ScriptedTransport, pacer: RecordingPacer = RecordingPacer(), clock: ManualClock = ManualClock(),
                            headers: [String: String] = [:], timeout: Double = 300,
                            maxResponseBytes: Int = ProviderHTTPClient.defaultMaxResponseBytes) throws -> ProviderHTTPClient {
            try ProviderHTTPClient(config: Fixtures.config(headers: headers, timeout: timeout), apiKey: Fixtures.apiKey,
                                   transport: transport, clock: clock, pacer: pacer, maxResponseBytes: maxResponseBytes)
        }

        @Test func staticHeaderValuesNeverAppearInAnErrorMessage() async throws {
            let token = "gw-token-ABCDEFG"
            let echo = #"{"error":{"message":"gateway rejected x-gateway-key \#(token) for user u1"}}"#
            let transport = ScriptedTransport(Fixtures.json(echo, status: 403))
            let client = try client(transport, headers: ["x-gateway-key": token, "x-gateway-user": "u1"])
            let error = await #expect(throws: ProviderError.self) { try await client.postJSON("/images", .null) }
            #expect(error?.message == "gateway rejected x-gateway-key [redacted] for user u1")
        }

        @Test func theClientNeverPrintsItsSecrets() throws {
            let token = "gw-token-ABCDEFG"
            let client = try client(ScriptedTransport(), headers: ["x-gateway-key": token])
            var dumped = ""
            dump(client, to: &dumped)
            for text in [String(describing: client), String(reflecting: client), dumped] {
                #expect(!text.contains(Fixtures.apiKey) && !text.contains(token))
                #expect(text.contains("[redacted]"))
            }
        }

        @Test func answersLargerThanTheLimitAreUnusable() async throws {
            #expect(ProviderHTTPClient.defaultMaxResponseBytes == 256 * 1024 * 1024)
            let transport = ScriptedTransport(HTTPResponse(status: 200, body: Data(count: 16)),
                                              HTTPResponse(status: 200, body: Data(count: 17)),
                                              HTTPResponse(status: 200, headers: ["Content-Length": "300000000000"], body: Data(count: 4)))
            let client = try client(transport, maxResponseBytes: 16)
            let url = URL(string: "https://cdn.example.test/big.png")!
            #expect(try await client.get(url).body.count == 16)
            for size in [17, 300_000_000_000] {
                let error = await #expect(throws: ProviderError.self) { try await client.get(url) }
                #expect(error?.kind == .unusableResponse)
                #expect(error?.message == "the answer from cdn.example.test is \(size) bytes, more than the 16 accepted")
            }
        }

        @Test func authenticatesAddsStaticHeadersAndPacesEveryRequest() async throws {
            let transport = ScriptedTransport(Fixtures.json("{}"), Fixtures.json("{}"))
            let pacer = RecordingPacer()
            let client = try client(transport, pacer: pacer, headers: ["x-gateway-user": "u1"])
            _ = try await client.postJSON("/images/generations", .object([("a", .number(1))]))
            _ = try await client.get(try client.endpoint("/images/generations/t1"))
            let first = try #require(transport.requests.first)
            #expect(first.url.absoluteString == "https://api.example.test/v1/images/generations")
            #expect(first.headers["authorization"] == "Bearer \(Fixtures.apiKey)")
            #expect(first.headers["X-Gateway-User"] == "u1")
            #expect(first.headers["content-type"] == "application/json")
            #expect(pacer.acquired == 2)
        }

        @Test func neverSendsTheKeyToAnotherHost() async throws {
            let transport = ScriptedTransport(HTTPResponse(status: 200, body: Data("x".utf8)))
            let client = try client(transport, headers: ["x-gateway-user": "u1"])
            _ = try await client.get(URL(string: "https://cdn.example.test/img.png")!)
            #expect(transport.requests.first?.headers["Authorization"] == nil)
            #expect(transport.requests.first?.headers["x-gateway-user"] == nil)
        }

        @Test func followsRedirectsForGetsOnly() async throws {
            let transport = ScriptedTransport(HTTPResponse(status: 302, headers: ["Location": "https://cdn.example.test/a.png"]),
                                              HTTPResponse(status: 200, body: Data("img".utf8)))
            let pacer = RecordingPacer()
            let response = try await client(transport, pacer: pacer).get(URL(string: "https://api.example.test/v1/files/a")!)
            #expect(response.body == Data("img".utf8))
            #expect(transport.requests.map(\.url.host) == ["api.example.test", "cdn.example.test"])
            #expect(pacer.acquired == 2)
            let post = ScriptedTransport(HTTPResponse(status: 307, headers: ["Location": "https://elsewhere.test/"]))
            await #expect(throws: ProviderError.self) { try await client(post).postJSON("/images", .null) }
            #expect(post.requests.count == 1)
        }

        @Test(arguments: ["http://cdn.example.test/a.png", "file:///etc/passwd", "ftp://cdn.example.test/a.png", "javascript:alert(1)"])
        func refusesRedirectsToAnythingButHTTPSFromHTTPS(_ location: String) async throws {
            let transport = ScriptedTransport(HTTPResponse(status: 302, headers: ["Location": location]))
            let error = await #expect(throws: ProviderError.self) {
                try await client(transport).get(URL(string: "https://api.example.test/v1/files/a")!)
            }
            #expect(error?.message.hasPrefix("refused a redirect from") == true)
            #expect(error?.isRetryable == false)
            #expect(transport.requests.count == 1, "the redirect was not followed")
        }

        @Test func aRedirectThatLeavesTheProviderCarriesNoKeyAndOneThatReturnsDoes() async throws {
            let transport = ScriptedTransport(HTTPResponse(status: 302, headers: ["Location": "https://cdn.example.test/a"]),
                                              HTTPResponse(status: 302, headers: ["Location": "https://api.example.test/v1/b"]),
                                              HTTPResponse(status: 200, body: Data("img".utf8)))
            _ = try await client(transport, headers: ["x-gateway-user": "u1"]).get(URL(string: "https://api.example.test/v1/files/a")!)
            #expect(transport.requests.map { $0.headers["Authorization"] != nil } == [true, false, true])
            #expect(transport.requests.map { $0.headers["x-gateway-user"] != nil } == [true, false, true])
        }

        @Test func throttlesWhenTheWindowIsExhaustedOnSuccess() async throws {
            let transport = ScriptedTransport(Fixtures.json("{}", headers: ["x-ratelimit-remaining-requests": "0",
                                                                             "x-ratelimit-reset-requests": "1m30.5s"]))
            let pacer = RecordingPacer()
            _ = try await client(transport, pacer: pacer).get(Fixtures.baseURL)
            #expect(pacer.throttles == [.milliseconds(90_500)])
        }

        @Test func aHungRequestTimesOutOnTheRunClock() async throws {
            let transport = ScriptedTransport()
            transport.enqueue(ScriptedTransport.hang)
            let clock = ManualClock()
            let client = try client(transport, clock: clock, timeout: 5)
            let error = await #expect(throws: ProviderError.self) {
                try await clock.drive(horizon: .seconds(5)) { try await client.get(Fixtures.baseURL) }
            }
            #expect(error?.kind == .timeout)
            #expect(clock.now == .seconds(5))
        }

        @Test func transportFailuresBecomeNetworkErrors() async throws {
            let transport = ScriptedTransport()
            transport.enqueue { _ in throw URLError(.networkConnectionLost) }
            let error = await #expect(throws: ProviderError.self) { try await client(transport).get(Fixtures.baseURL) }
            #expect(error?.kind == .network)
        }

        @Test func theKeyNeverAppearsInAnErrorMessage() async throws {
            let echo = #"{"error":{"message":"Incorrect API key provided: \#(Fixtures.apiKey). You can find your key at …","code":"invalid_api_key"}}"#
            let transport = ScriptedTransport(Fixtures.json(echo, status: 401))
            transport.enqueue { request in throw ProviderError(.network, "failed: \(request.headers["Authorization"] ?? "")") }
            let client = try client(transport)
            for _ in 0..<2 {
                let error = await #expect(throws: ProviderError.self) { try await client.get(Fixtures.baseURL) }
                #expect(error.map { !$0.description.contains(Fixtures.apiKey) } == true)
                #expect(error?.message.contains("[redacted]") == true)
            }
        }
    }
}
