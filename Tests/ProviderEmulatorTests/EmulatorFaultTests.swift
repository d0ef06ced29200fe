import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// Every injectable fault, observed on the wire, and how rules are matched and consumed.
@Suite struct EmulatorFaultTests {
    typealias H = EmulatorHarness

    private func generations(_ emulator: ProviderEmulator) -> URL {
        emulator.openAIBaseURL.appendingPathComponent("images/generations")
    }

    @Test func injectsStatusErrorsForMatchingRequestsOnly() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.status(503, retryAfter: "2"), matching: .prompt(containing: "flaky"), times: 2)
        let url = generations(emulator)
        let first = try await H.postJSON(url, ["prompt": "flaky one"])
        let steady = try await H.postJSON(url, ["prompt": "steady"])
        let second = try await H.postJSON(url, ["prompt": "flaky two"])
        let third = try await H.postJSON(url, ["prompt": "flaky three"])
        #expect([first, steady, second, third].map(\.status) == [503, 200, 503, 200])
        #expect(first.header("retry-after") == "2")
        #expect(H.string(first.json?["error"]?["type"]) == "server_error")
        #expect(emulator.pendingFaults.isEmpty)
        #expect(emulator.requests.map(\.fault) == [.status(503, retryAfter: "2"), nil, .status(503, retryAfter: "2"), nil])

        emulator.inject(.status(502))
        let bare = try await H.postJSON(url, ["prompt": "x"])
        #expect(bare.status == 502)
        #expect(bare.header("retry-after") == nil)
        #expect(bare.header("retry-after-ms") == nil)
    }

    @Test func injectsRateLimitQuotaPolicyAndGatewayErrors() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.rateLimited(retryAfterSeconds: 3, retryAfterMs: 2500, resetRequests: "6m0s"))
        emulator.inject(.insufficientQuota)
        emulator.inject(.contentPolicy)
        emulator.inject(.apiError(status: 429, message: "Upstream said: You exceeded your current quota", type: "None",
                                  code: "429"))
        let url = generations(emulator)
        let limited = try await H.postJSON(url, ["prompt": "a"])
        #expect(limited.status == 429)
        #expect(H.errorCode(limited) == "rate_limit_exceeded")
        #expect(limited.header("retry-after") == "3")
        #expect(limited.header("retry-after-ms") == "2500")
        #expect(limited.header("x-ratelimit-reset-requests") == "6m0s")

        let quota = try await H.postJSON(url, ["prompt": "b"])
        #expect(quota.status == 429)
        #expect(H.errorCode(quota) == "insufficient_quota")
        #expect(H.string(quota.json?["error"]?["message"]) == "You exceeded your current quota, please check your plan and billing details.")

        let policy = try await H.postJSON(url, ["prompt": "c"])
        #expect(policy.status == 400)
        #expect(H.string(policy.json?["error"]?["type"]) == "image_generation_user_error")
        #expect(H.errorCode(policy) == "moderation_blocked")

        let gateway = try await H.postJSON(url, ["prompt": "d"])
        #expect(gateway.status == 429)
        #expect(H.errorCode(gateway) == "429")
    }

    @Test func resetsTheConnectionWithoutAResponse() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.connectionReset, times: 2)
        let connection = try RawConnection(port: emulator.port)
        defer { connection.close() }
        connection.send(RawConnection.request("POST", "/v1/images/generations", json: #"{"prompt":"x"}"#))
        let (data, end) = connection.readAll()
        #expect(data.isEmpty)
        #expect(end == .reset)
        #expect(emulator.requests.last?.outcome == .connectionReset)
        #expect(emulator.requests.last?.status == nil)

        await #expect(throws: (any Error).self) { try await H.postJSON(generations(emulator), ["prompt": "y"]) }
    }

    @Test func truncatesTheBodyBelowItsContentLength() throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.truncatedBody)
        let connection = try RawConnection(port: emulator.port)
        defer { connection.close() }
        connection.send(RawConnection.request("POST", "/v1/images/generations", json: #"{"prompt":"x"}"#, close: false))
        let (data, end) = connection.readAll()
        #expect(end == .closed)
        let response = try #require(RawResponse(data))
        #expect(response.status == 200)
        let declared = try #require(response.headers["content-length"].flatMap(Int.init))
        #expect(response.body.count < declared)
        #expect(response.body.count > 0)
        #expect(emulator.requests.last?.outcome == .truncated)
    }

    @Test func hangsUntilReleasedAndEndsWithoutAResponse() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.hang())
        let connection = try RawConnection(port: emulator.port)
        defer { connection.close() }
        connection.send(RawConnection.request("POST", "/v1/images/generations", json: #"{"prompt":"x"}"#))
        while emulator.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        #expect(emulator.requests.last?.outcome == .pending)
        emulator.releaseHangs()
        let (data, end) = connection.readAll()
        #expect(data.isEmpty)
        #expect(end == .closed)
        let hung = try #require(emulator.requests.last)
        #expect(hung.outcome == .hangEnded)
        // Ended by the release, not by the hang limit (on the emulator's own clock).
        #expect(try #require(hung.completion) - hung.arrival < emulator.configuration.hangLimit)
    }

    @Test func hangEndsWhenTheClientGivesUpFreeingItsConcurrencySlot() async throws {
        let emulator = try H.emulator(maxConcurrent: 1)
        defer { emulator.stop() }
        emulator.inject(.hang(.seconds(20)))
        let connection = try RawConnection(port: emulator.port)
        connection.send(RawConnection.request("POST", "/v1/images/generations", json: #"{"prompt":"timeout"}"#))
        while emulator.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        connection.close()
        while emulator.requests.first?.outcome == .pending { try await Task.sleep(for: .milliseconds(5)) }
        #expect(emulator.requests.first?.outcome == .clientDisconnected)
        #expect(try await H.postJSON(generations(emulator), ["prompt": "retry"]).status == 200)
        #expect(emulator.maxConcurrency(forKey: "main") == 1)
    }

    @Test func stopReleasesHungRequestsPromptly() async throws {
        let emulator = try H.emulator()
        emulator.inject(.hang())
        let connection = try RawConnection(port: emulator.port)
        defer { connection.close() }
        connection.send(RawConnection.request("POST", "/v1/images/generations", json: #"{"prompt":"x"}"#))
        while emulator.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        emulator.stop()
        let hung = try #require(emulator.requests.last)
        #expect(hung.outcome == .hangEnded)
        // Ended by stop(), not by the hang limit.
        #expect(try #require(hung.completion) - hung.arrival < emulator.configuration.hangLimit)
        #expect(connection.readAll().data.isEmpty)
    }

    @Test func servesUnusableSuccessfulResponses() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let url = generations(emulator)
        emulator.inject(.malformedJSON)
        let malformed = try await H.postJSON(url, ["prompt": "a"])
        #expect(malformed.status == 200)
        #expect(malformed.json == nil)

        emulator.inject(.invalidBase64)
        let invalid = try await H.postJSON(url, ["prompt": "b"])
        let base64 = try #require(H.string(H.dataItems(invalid).first?["b64_json"]))
        #expect(Data(base64Encoded: base64) == nil)

        emulator.inject(.nonImageBytes)
        let notImage = try #require(H.firstImage(try await H.postJSON(url, ["prompt": "c"])))
        #expect(String(decoding: notImage, as: UTF8.self).contains("<html>"))

        emulator.inject(.emptyData)
        let empty = try await H.postJSON(url, ["prompt": "d", "n": 2])
        #expect(empty.status == 200)
        #expect(H.dataItems(empty).isEmpty)

        emulator.inject(.fewerImages)
        let fewer = try await H.postJSON(url, ["prompt": "e", "n": 3])
        #expect(H.dataItems(fewer).count == 2)
        #expect(emulator.requests.last?.imagesReturned == 2)

        emulator.inject(.nonImageBytes)
        let linked = try await H.postJSON(url, ["prompt": "f", "response_format": "url"])
        let linkText = try #require(H.string(H.dataItems(linked).first?["url"]))
        let link = try #require(URL(string: linkText))
        #expect(String(decoding: try await H.get(link, key: nil).body, as: UTF8.self).contains("<html>"))
    }

    @Test func payloadFaultsWaitForARequestThatCarriesImages() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.emptyData)
        let missingFile = try await H.get(emulator.baseURL.appendingPathComponent("files/none"), key: nil)
        #expect(missingFile.status == 404)
        #expect(emulator.pendingFaults.count == 1)
        let reply = try await H.postJSON(generations(emulator), ["prompt": "now"])
        #expect(H.dataItems(reply).isEmpty)
        #expect(emulator.pendingFaults.isEmpty)
    }

    @Test func matchesMarkersHeadersKeysAndCombinations() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let url = generations(emulator)
        emulator.inject(.status(500), matching: .marker("step:hero"))
        emulator.inject(.status(504), matching: .model("gpt-image-1") && .method("POST") && .key("main"))
        emulator.inject(.status(409), matching: .header("X-Session-Id", "s-42"))
        emulator.inject(.status(408), matching: .pathPrefix("/v3/"))

        #expect(try await H.postJSON(url, ["prompt": "x", "user": "step:hero"]).status == 500)
        #expect(try await H.postJSON(url, ["model": "dall-e-3", "prompt": "x"]).status == 200)
        #expect(try await H.postJSON(url, ["model": "gpt-image-1", "prompt": "x"]).status == 504)
        var request = H.request(url, contentType: "application/json", body: Data(#"{"prompt":"x"}"#.utf8))
        request.setValue("s-42", forHTTPHeaderField: "X-Session-Id")
        #expect(try await H.send(request).status == 409)
        #expect(try await H.postJSON(emulator.opperBaseURL.appendingPathComponent("images"),
                                     ["model": "m", "prompt": "x"]).status == 408)
        #expect(emulator.pendingFaults.isEmpty)
        emulator.inject(.status(500), times: 3)
        emulator.clearFaults()
        #expect(try await H.postJSON(url, ["prompt": "x"]).status == 200)
    }
}
