import Foundation
import Synchronization
import Testing
@testable import AssetPipe

extension Providers {
    @Suite struct TaskPollingTests {
        private static let queued = #"{"id":"t-1","task_id":"t-1","object":"image.generation.task","status":"QUEUED","model":"async-model"}"#

        private func provider(_ transport: ScriptedTransport, clock: ManualClock, pacer: RecordingPacer = RecordingPacer(),
                              pollInterval: Double = 2) throws -> OpenAIProvider {
            try OpenAIProvider(config: Fixtures.config(pollInterval: pollInterval), apiKey: Fixtures.apiKey, transport: transport,
                               clock: clock, pacer: pacer, validator: Fixtures.validator)
        }

        @Test func pollsUntilSucceededPacingEveryPoll() async throws {
            let image = Fixtures.imageBytes("task").base64EncodedString()
            let transport = ScriptedTransport(Fixtures.json(Self.queued),
                                              Fixtures.json(#"{"task_id":"t-1","status":"RUNNING"}"#),
                                              Fixtures.json(#"{"task_id":"t-1","status":"SUCCEEDED","data":[{"b64_json":"\#(image)"}]}"#))
            let clock = ManualClock()
            let pacer = RecordingPacer()
            let submitted = Mutex<[String]>([])
            var provider = try provider(transport, clock: clock, pacer: pacer)
            provider.taskSubmitted = { step, task in submitted.withLock { $0.append("\(step)/\(task)") } }
            let result = try await clock.drive(horizon: .seconds(2)) { [provider] in
                try await provider.generate(Fixtures.request(model: "async-model"))
            }
            #expect(result.images.map(\.data) == [Fixtures.imageBytes("task")])
            #expect(transport.requests.map(\.method) == ["POST", "GET", "GET"])
            #expect(transport.requests.last?.url.path == "/v1/images/generations/t-1")
            #expect(pacer.acquired == 3)
            #expect(clock.now == .seconds(4))
            #expect(submitted.withLock { $0 } == ["fox/t-1"])
        }

        @Test func aFailedTaskIsATaskFailure() async throws {
            let failed = #"{"task_id":"t-1","status":"FAILED","error":{"message":"upstream model crashed","code":"task_failed"}}"#
            let transport = ScriptedTransport(Fixtures.json(Self.queued), Fixtures.json(failed))
            let clock = ManualClock()
            let provider = try provider(transport, clock: clock)
            let error = await #expect(throws: ProviderError.self) {
                try await clock.drive(horizon: .seconds(2)) { try await provider.generate(Fixtures.request()) }
            }
            #expect(error?.kind == .taskFailed)
            #expect(error?.message.contains("upstream model crashed") == true)
        }

        @Test func succeededWithoutAnImageIsUnusable() async throws {
            let transport = ScriptedTransport(Fixtures.json(Self.queued), Fixtures.json(#"{"task_id":"t-1","status":"SUCCEEDED","data":[]}"#))
            let clock = ManualClock()
            let provider = try provider(transport, clock: clock)
            let error = await #expect(throws: ProviderError.self) {
                try await clock.drive(horizon: .seconds(2)) { try await provider.generate(Fixtures.request()) }
            }
            #expect(error?.kind == .unusableResponse)
        }

        @Test func failedPollsArePolledAgainAndAHopelessTaskEndsWithoutBeingSubmittedAgain() async throws {
            let transport = ScriptedTransport(Fixtures.json(Self.queued), Fixtures.json("{}", status: 503))
            for _ in 0..<40 { transport.enqueue(Fixtures.json(#"{"task_id":"t-1","status":"RUNNING"}"#)) }
            let clock = ManualClock()
            let provider = try provider(transport, clock: clock, pollInterval: 60)
            let error = await #expect(throws: ProviderError.self) {
                try await clock.drive(horizon: .seconds(60)) { try await provider.generate(Fixtures.request()) }
            }
            // Not retryable: submitting the task again would pay for the image twice.
            #expect(error?.kind == .taskFailed)
            #expect(error?.isRetryable == false)
            // The ceiling is max(timeout_s, 30 min): 30 polls of 60 s, the first one a tolerated 503.
            #expect(clock.now == .seconds(1800))
            #expect(transport.requests.count == 31)
        }
    }
}
