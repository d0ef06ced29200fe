import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// Per-key limits as a provider enforces them, and the records tests use to prove a client
/// kept to them.
@Suite struct EmulatorRateLimitTests {
    typealias H = EmulatorHarness

    @Test func refusesRequestsOverTheWindowWithOpenAIHeaders() async throws {
        // A window long enough that a loaded machine cannot let it roll over mid-test.
        let emulator = try H.emulator(requestsPerMinute: 3, window: .seconds(30))
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        var replies: [H.Reply] = []
        for index in 0..<4 { replies.append(try await H.postJSON(url, ["prompt": "p\(index)"])) }
        #expect(replies.map(\.status) == [200, 200, 200, 429])
        #expect(replies.prefix(3).map { $0.header("x-ratelimit-remaining-requests") } == ["2", "1", "0"])
        let refused = try #require(replies.last)
        #expect(H.errorCode(refused) == "rate_limit_exceeded")
        #expect(H.string(refused.json?["error"]?["type"]) == "requests")
        #expect(H.string(refused.json?["error"]?["message"])?.hasPrefix("Rate limit reached") == true)
        let waitMs = try #require(refused.header("retry-after-ms").flatMap(Int.init))
        #expect((1...30_000).contains(waitMs))
        #expect(refused.header("retry-after") == String((waitMs + 999) / 1000))
        #expect(refused.header("x-ratelimit-limit-requests") == "3")
        #expect(refused.header("x-ratelimit-remaining-requests") == "0")
        #expect(refused.header("x-ratelimit-reset-requests")?.hasSuffix("s") == true)

        #expect(emulator.limitRejections(forKey: "main").map(\.limitRejection) == [.requestsPerWindow])
        #expect(emulator.rateLimitViolations(forKey: "main", limit: 3).first?.count == 4)
        #expect(emulator.rateLimitViolations(forKey: "main", limit: 4).isEmpty)
    }

    @Test func admitsAgainOnceTheWindowHasPassed() async throws {
        let emulator = try H.emulator(requestsPerMinute: 1, window: .milliseconds(200))
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        #expect(try await H.postJSON(url, ["prompt": "first"]).status == 200)
        try await Task.sleep(for: .milliseconds(250))
        #expect(try await H.postJSON(url, ["prompt": "after the wait"]).status == 200)
    }

    @Test func refusesRequestsOverTheConcurrencyLimitAndRecordsThePeak() async throws {
        let emulator = try H.emulator(maxConcurrent: 2, latency: .milliseconds(300))
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<3 { group.addTask { try await H.postJSON(url, ["prompt": "c\(index)"]).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.sorted() == [200, 200, 429])
        #expect(emulator.maxConcurrency(forKey: "main") == 3)
        let refused = try #require(emulator.limitRejections(forKey: "main").first)
        #expect(refused.limitRejection == .concurrency)
        #expect(refused.concurrencyAtArrival == 3)
        #expect(emulator.maxConcurrency(forKey: "other") == 0)
    }

    @Test func appliesLatencyWhileTheRequestCountsAsInFlight() async throws {
        let emulator = try H.emulator(maxConcurrent: 1, latency: .milliseconds(120),
                                      models: ["quick": ModelBehavior(latency: .milliseconds(1))])
        defer { emulator.stop() }
        let url = emulator.openAIBaseURL.appendingPathComponent("images/generations")
        for _ in 0..<2 { #expect(try await H.postJSON(url, ["prompt": "slow"]).status == 200) }
        for slow in emulator.requests(promptContaining: "slow") {
            #expect(try #require(slow.completion) - slow.arrival >= .milliseconds(120))
        }
        #expect(try await H.postJSON(url, ["model": "quick", "prompt": "fast"]).status == 200)
        // Timed on the emulator's own record, so a busy test machine cannot blur it.
        let quick = try #require(emulator.requests(promptContaining: "fast").first)
        #expect((quick.completion ?? .seconds(1)) - quick.arrival < .milliseconds(120))
        // Sequential requests, each sent as soon as the previous answer arrived, never overlap.
        #expect(emulator.maxConcurrency(forKey: "main") == 1)
        #expect(emulator.limitRejections(forKey: "main").isEmpty)
        let slow = emulator.requests(promptContaining: "slow")
        #expect(slow.allSatisfy { ($0.completion ?? .zero) - $0.arrival >= .milliseconds(120) })
    }
}
