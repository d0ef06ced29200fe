import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    /// One poll of an async-task platform's task, read leniently: platforms differ in where a
    /// finished task keeps its images and how they spell its status.
    @Suite struct TaskPollingTests {
        private static let queued = #"{"id":"t-1","task_id":"t-1","object":"image.generation.task","status":"QUEUED","model":"async-model"}"#
        private static let image = Fixtures.imageBytes("task")
        private static var base64: String { image.base64EncodedString() }
        private static let imageURL = "https://cdn.example.test/t-1.png"

        private func provider(_ transport: ScriptedTransport, pacer: RecordingPacer = RecordingPacer()) throws -> OpenAIProvider {
            try OpenAIProvider(config: Fixtures.config(), apiKey: Fixtures.apiKey, transport: transport, clock: ManualClock(),
                               pacer: pacer, validator: Fixtures.validator)
        }

        private func poll(_ answer: String, download: HTTPResponse? = nil) async throws -> (TaskProgress, ScriptedTransport) {
            let transport = ScriptedTransport(Fixtures.json(answer))
            if let download { transport.enqueue(download) }
            return (try await provider(transport).poll(task: "t-1", for: Fixtures.request(model: "async-model")), transport)
        }

        @Test func aTaskAnswerIsHandedBackAsATaskWithoutWaiting() async throws {
            let transport = ScriptedTransport(Fixtures.json(Self.queued))
            let answer = try await provider(transport).generate(Fixtures.request(model: "async-model"))
            guard case .task(id: "t-1") = answer else {
                Issue.record("expected the task, got \(answer)")
                return
            }
            #expect(transport.requests.count == 1)
        }

        @Test func aPollIsOnePacedGETOfTheTask() async throws {
            let transport = ScriptedTransport(Fixtures.json(#"{"task_id":"t-1","status":"RUNNING"}"#))
            let pacer = RecordingPacer()
            let progress = try await provider(transport, pacer: pacer).poll(task: "t/1 x", for: Fixtures.request())
            guard case .pending(status: "RUNNING") = progress else {
                Issue.record("expected a running task, got \(progress)")
                return
            }
            #expect(transport.requests.map(\.method) == ["GET"])
            #expect(transport.requests.first?.url.absoluteString == "https://api.example.test/v1/images/generations/t%2F1%20x")
            #expect(pacer.acquired == 1)
        }

        /// Every place the issue lists for a finished task's images, inline or by URL.
        static let finishedShapes: [(label: String, answer: String, downloads: Bool)] = [
            ("data", #"{"status":"SUCCEEDED","data":[{"b64_json":"\#(base64)"}]}"#, false),
            ("result.data", #"{"status":"succeeded","result":{"data":[{"url":"\#(imageURL)"}]}}"#, true),
            ("result.images", #"{"status":"completed","result":{"images":[{"b64_json":"\#(base64)"}]}}"#, false),
            ("result.url", #"{"status":"success","result":{"url":"\#(imageURL)"}}"#, true),
            ("images", #"{"status":"Completed","images":[{"url":"\#(imageURL)"}]}"#, true),
            ("output", #"{"status":"SUCCESS","output":["\#(imageURL)"]}"#, true),
            ("status inside result", #"{"result":{"status":"succeeded","images":["data:image/png;base64,\#(base64)"]}}"#, false),
            ("empty b64_json beside a url", #"{"status":"SUCCEEDED","data":[{"url":"\#(imageURL)","b64_json":""}]}"#, true),
        ]

        @Test(arguments: finishedShapes)
        func readsAFinishedTasksImagesWhereverThePlatformPutsThem(_ shape: (label: String, answer: String, downloads: Bool)) async throws {
            let (progress, transport) = try await poll(shape.answer, download: HTTPResponse(status: 200, body: Self.image))
            guard case let .finished(result) = progress else {
                Issue.record("\(shape.label): expected a finished task, got \(progress)")
                return
            }
            #expect(result.images.map(\.data) == [Self.image], "\(shape.label)")
            #expect(transport.requests.count == (shape.downloads ? 2 : 1), "\(shape.label)")
            if shape.downloads { #expect(transport.requests.last?.url.absoluteString == Self.imageURL) }
        }

        @Test(arguments: ["QUEUED", "queued", "pending", "Submitted", "RUNNING", "in_progress", "IN-PROGRESS", "processing",
                          "warming up", "ANYTHING_NEW"])
        func anUnfinishedOrUnknownStatusIsPolledOn(_ status: String) async throws {
            let (progress, _) = try await poll(#"{"task_id":"t-1","status":"\#(status)"}"#)
            guard case .pending(status: status) = progress else {
                Issue.record("\(status): expected a pending task, got \(progress)")
                return
            }
        }

        @Test(arguments: [
            #"{"status":"FAILED","error":{"message":"upstream model crashed","type":"server_error","code":"generation_failed"}}"#,
            #"{"status":"failed","error":{"message":"upstream model crashed","code":"upstream_error"}}"#,
            #"{"status":"error","error":"upstream model crashed"}"#,
            #"{"status":"FAILED","result":{"error":{"message":"upstream model crashed","code":"timeout"}}}"#,
        ])
        func aTaskThatFailedOnThePlatformsSideIsWorthANewTask(_ answer: String) async throws {
            let error = await #expect(throws: ProviderError.self) { try await poll(answer) }
            #expect(error?.kind == .taskFailed)
            #expect(error?.isRetryable == true)
            #expect(error?.message == "task t-1 failed: upstream model crashed")
        }

        @Test func aTaskThatFailedWithoutAReasonIsWorthANewTaskToo() async throws {
            let error = await #expect(throws: ProviderError.self) { try await poll(#"{"status":"FAILED"}"#) }
            #expect(error?.kind == .taskFailed)
            #expect(error?.message == "task t-1 failed: no reason given")
        }

        @Test(arguments: [
            #"{"status":"FAILED","error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","code":"moderation_blocked"}}"#,
            #"{"status":"FAILED","error":{"message":"size must use x","type":"invalid_request_error","code":"invalid_image_request"}}"#,
            #"{"status":"FAILED","error":{"message":"not possible","code":"unsupported_model_feature"}}"#,
            #"{"status":"FAILED","error":"blocked by content policy"}"#,
        ])
        func aRefusedTaskIsFinalLikeTheSameRefusalAnsweredAs400(_ answer: String) async throws {
            let error = await #expect(throws: ProviderError.self) { try await poll(answer) }
            #expect(error?.kind == .rejected)
            #expect(error?.message.hasPrefix("task t-1 failed: ") == true)
        }

        @Test(arguments: [
            #"{"status":"SUCCEEDED","data":[]}"#,
            #"{"status":"SUCCEEDED","result":{"files":[{"path":"/t-1.png"}],"note":"stored"}}"#,
            #"{"status":"SUCCEEDED","data":[{"b64_json":"!!not base64"}]}"#,
        ])
        func aTaskThatSucceededWithUnreadableImagesIsUnsettledNamingTheTaskAndItsFields(_ answer: String) async throws {
            let error = await #expect(throws: ProviderError.self) { try await poll(answer) }
            #expect(error?.kind == .taskUnsettled)
            #expect(error?.isRetryable == false)
            #expect(error?.message.hasPrefix("task t-1 succeeded but its images cannot be read") == true)
            #expect(error?.message.contains("its answer had fields status") == true, "\(error?.message ?? "")")
            if answer.contains("files") { #expect(error?.message.contains("result.files, result.note") == true) }
        }

        @Test func aSucceededTaskWhoseDownloadFailsIsUnsettledNotResubmitted() async throws {
            let answer = #"{"status":"SUCCEEDED","output":["\#(Self.imageURL)"]}"#
            let transport = ScriptedTransport(Fixtures.json(answer))
            for _ in 0..<ImageTransfer.downloadAttempts { transport.enqueue(HTTPResponse(status: 404)) }
            let error = await #expect(throws: ProviderError.self) {
                try await provider(transport).poll(task: "t-1", for: Fixtures.request())
            }
            #expect(error?.kind == .taskUnsettled)
        }

        @Test func theKeyNeverAppearsInATaskFailure() async throws {
            let error = await #expect(throws: ProviderError.self) {
                try await poll(#"{"status":"FAILED","error":{"message":"bad header Bearer \#(Fixtures.apiKey)"}}"#)
            }
            #expect(error?.message.contains(Fixtures.apiKey) == false)
        }
    }
}
