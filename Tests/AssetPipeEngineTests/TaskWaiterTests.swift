import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// How a task is waited for: a paced poll every `poll_interval_s`, failed polls polled again
/// (never before `Retry-After`), and a ceiling after which the task is left for a later run.
@Suite struct TaskWaiterTests {
    private static let running = Fixtures.json(#"{"task_id":"t-1","status":"RUNNING"}"#)
    private static let succeeded = Fixtures.json(#"{"task_id":"t-1","status":"SUCCEEDED","data":[{"b64_json":"\#(Fixtures.imageBytes("task").base64EncodedString())"}]}"#)

    private func waiter(_ transport: ScriptedTransport, clock: ManualClock, pacer: RecordingPacer = RecordingPacer(),
                        pollInterval: Double = 2) throws -> TaskWaiter {
        let config = Fixtures.config(pollInterval: pollInterval)
        let provider = try OpenAIProvider(config: config, apiKey: Fixtures.apiKey, transport: transport, clock: clock, pacer: pacer,
                                          validator: Fixtures.validator)
        return TaskWaiter(handle: ProviderHandle(config: config, provider: provider), clock: clock)
    }

    @Test func pollsEveryIntervalPacingEachPollUntilTheTaskFinishes() async throws {
        let transport = ScriptedTransport(Self.running, Self.running, Self.succeeded)
        let clock = ManualClock()
        let pacer = RecordingPacer()
        let waiter = try waiter(transport, clock: clock, pacer: pacer)
        let result = try await clock.drive(horizon: .seconds(2)) { try await waiter.result(of: "t-1", for: Fixtures.request()) }
        #expect(result.images.map(\.data) == [Fixtures.imageBytes("task")])
        #expect(transport.requests.map(\.method) == ["GET", "GET", "GET"])
        #expect(pacer.acquired == 3)
        #expect(clock.now == .seconds(6))
    }

    @Test func aTaskFromAnEarlierRunIsAskedAboutAtOnce() async throws {
        let transport = ScriptedTransport(Self.succeeded)
        let clock = ManualClock()
        let result = try await waiter(transport, clock: clock).result(of: "t-1", for: Fixtures.request(), pollAtOnce: true)
        #expect(result.images.count == 1)
        #expect(clock.now == .zero)
    }

    @Test func aFailedPollIsPolledAgainNoSoonerThanRetryAfter() async throws {
        let transport = ScriptedTransport(Fixtures.json(#"{"error":{"message":"slow down"}}"#, status: 429, headers: ["Retry-After": "30"]),
                                          Self.succeeded)
        let clock = ManualClock()
        let waiter = try waiter(transport, clock: clock)
        _ = try await clock.drive(horizon: .seconds(30)) { try await waiter.result(of: "t-1", for: Fixtures.request()) }
        #expect(transport.requests.count == 2)
        #expect(clock.now == .seconds(32))
    }

    @Test func aTaskThatOutlivesTheCeilingIsLeftForALaterRunNotSubmittedAgain() async throws {
        let transport = ScriptedTransport(Fixtures.json("{}", status: 503))
        for _ in 0..<40 { transport.enqueue(Self.running) }
        let clock = ManualClock()
        let waiter = try waiter(transport, clock: clock, pollInterval: 60)
        let error = await #expect(throws: ProviderError.self) {
            try await clock.drive(horizon: .seconds(60)) { try await waiter.result(of: "t-1", for: Fixtures.request()) }
        }
        #expect(error?.kind == .taskUnsettled)
        #expect(error?.message.hasPrefix("task t-1 did not finish within") == true)
        // The ceiling is max(timeout_s, 30 min): 30 polls of 60 s, the first one a tolerated 503.
        #expect(clock.now == .seconds(1800))
        #expect(transport.requests.count == 30)
    }

    @Test func aRefusedPollKeepsTheTaskForALaterRunButAnUnknownTaskIsLetGo() async throws {
        let refused = ScriptedTransport(Fixtures.json(#"{"error":{"message":"Incorrect API key provided"}}"#, status: 401))
        let kept = await #expect(throws: ProviderError.self) {
            try await waiter(refused, clock: ManualClock()).result(of: "t-1", for: Fixtures.request(), pollAtOnce: true)
        }
        #expect(kept?.kind == .taskUnsettled)
        #expect(kept?.message.hasPrefix("task t-1 could not be polled (HTTP 401: Incorrect API key provided)") == true)

        let unknown = ScriptedTransport(Fixtures.json(#"{"error":{"message":"Task 't-1' not found."}}"#, status: 404))
        let gone = await #expect(throws: ProviderError.self) {
            try await waiter(unknown, clock: ManualClock()).result(of: "t-1", for: Fixtures.request(), pollAtOnce: true)
        }
        #expect(gone?.kind == .rejected)
    }
}
