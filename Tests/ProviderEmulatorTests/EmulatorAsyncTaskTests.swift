import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// The task lifecycle of models configured as asynchronous.
@Suite struct EmulatorAsyncTaskTests {
    typealias H = EmulatorHarness

    private func makeEmulator(_ behavior: TaskBehavior = TaskBehavior(completion: .afterPolls(2))) throws -> ProviderEmulator {
        try H.emulator(models: ["seedream-async": ModelBehavior(mode: .asynchronous(behavior))])
    }

    private func createTask(_ emulator: ProviderEmulator, prompt: String, queued: String = "QUEUED") async throws -> String {
        let reply = try await H.postJSON(emulator.openAIBaseURL.appendingPathComponent("images/generations"),
                                         ["model": "seedream-async", "prompt": prompt, "size": "1024x1024", "quality": "high"])
        #expect(reply.status == 200)
        #expect(H.string(reply.json?["object"]) == "image.generation.task")
        #expect(H.string(reply.json?["status"]) == queued)
        #expect(H.string(reply.json?["model"]) == "seedream-async")
        #expect(H.string(reply.json?["mode"]) == "generation")
        #expect(H.number(reply.json?["created_at"]) != nil)
        let id = try #require(H.string(reply.json?["task_id"]))
        #expect(H.string(reply.json?["id"]) == id)
        return id
    }

    private func poll(_ emulator: ProviderEmulator, _ id: String) async throws -> H.Reply {
        try await H.get(emulator.openAIBaseURL.appendingPathComponent("images/generations/\(id)"))
    }

    @Test func queuedThenRunningThenSucceededWithImages() async throws {
        let emulator = try makeEmulator()
        defer { emulator.stop() }
        let id = try await createTask(emulator, prompt: "a slow dragon")
        var statuses: [String] = []
        for _ in 0..<4 { statuses.append(H.string(try await poll(emulator, id).json?["status"]) ?? "?") }
        #expect(statuses == ["QUEUED", "RUNNING", "SUCCEEDED", "SUCCEEDED"])
        let finished = try await poll(emulator, id)
        #expect(String(decoding: H.firstImage(finished) ?? Data(), as: UTF8.self) == "FAKE|generation|seedream-async|1|0|a slow dragon")
        #expect(finished.json?["usage"] != nil)

        let polls = emulator.requests { $0.method == "GET" }
        #expect(polls.count == 5)
        #expect(polls.allSatisfy { $0.taskID == id && $0.model == "seedream-async" && $0.prompt == "a slow dragon" })
        #expect(polls.map(\.imagesReturned) == [0, 0, 1, 1, 1])
    }

    @Test(arguments: [(TaskFailure.serverError, "server_error", "generation_failed"),
                      (.contentPolicy, "image_generation_user_error", "moderation_blocked")])
    func endsFailedWithTheReasonItWasToldOrEmpty(_ failure: (reason: TaskFailure, type: String, code: String)) async throws {
        let emulator = try makeEmulator()
        defer { emulator.stop() }
        emulator.inject(.taskFails(failure.reason), matching: .prompt(containing: "doomed"))
        emulator.inject(.taskSucceedsWithoutImage, matching: .prompt(containing: "hollow"))
        let doomed = try await createTask(emulator, prompt: "doomed")
        let hollow = try await createTask(emulator, prompt: "hollow")
        for _ in 0..<2 {
            _ = try await poll(emulator, doomed)
            _ = try await poll(emulator, hollow)
        }
        let failed = try await poll(emulator, doomed)
        #expect(H.string(failed.json?["status"]) == "FAILED")
        #expect(H.string(failed.json?["error"]?["message"])?.isEmpty == false)
        #expect(H.string(failed.json?["error"]?["type"]) == failure.type)
        #expect(H.string(failed.json?["error"]?["code"]) == failure.code)
        let empty = try await poll(emulator, hollow)
        #expect(H.string(empty.json?["status"]) == "SUCCEEDED")
        #expect(H.dataItems(empty).isEmpty)
        #expect(emulator.requests(promptContaining: "doomed").first?.fault == .taskFails(failure.reason))
    }

    /// Where each shape puts the image's URL, and the URL serves the image.
    @Test(arguments: TaskBehavior.ResultShape.allCases)
    func finishesWithItsImagesInTheConfiguredShape(_ shape: TaskBehavior.ResultShape) async throws {
        let emulator = try makeEmulator(TaskBehavior(completion: .afterPolls(0), resultShape: shape, spelling: .lowerCase))
        defer { emulator.stop() }
        let id = try await createTask(emulator, prompt: "a shaped dragon", queued: "queued")
        let finished = try await poll(emulator, id)
        #expect(H.string(finished.json?["status"]) == "completed")
        let json = try #require(finished.json)
        let link: JSONValue? = switch shape {
        case .data: json["data"]?.arrayValue?.first?["b64_json"]
        case .resultData: json["result"]?["data"]?.arrayValue?.first?["url"]
        case .resultImages: json["result"]?["images"]?.arrayValue?.first?["url"]
        case .resultURL: json["result"]?["url"]
        case .imageList: json["images"]?.arrayValue?.first?["url"]
        case .outputURLs: json["output"]?.arrayValue?.first
        }
        let text = try #require(H.string(link), "\(shape): no image where the shape puts it")
        if shape != .data {
            let served = try await H.get(try #require(URL(string: text)), key: nil)
            #expect(String(decoding: served.body, as: UTF8.self) == "FAKE|generation|seedream-async|1|0|a shaped dragon")
        }
        #expect(emulator.requests { $0.method == "GET" && $0.taskID == id }.first?.imagesReturned == 1)
    }

    /// Whatever the machine's speed: every poll before the render time answers unfinished, the
    /// first one after it finishes the task.
    @Test func aTimedTaskRunsUntilItsRenderTimeHasPassed() async throws {
        let renderTime = Duration.milliseconds(200)
        let emulator = try makeEmulator(TaskBehavior(completion: .afterRendering(renderTime)))
        defer { emulator.stop() }
        let id = try await createTask(emulator, prompt: "a timed dragon")
        var statuses: [String] = []
        for _ in 0..<500 where statuses.last != "SUCCEEDED" {
            statuses.append(H.string(try await poll(emulator, id).json?["status"]) ?? "?")
            try await Task.sleep(for: .milliseconds(10))
        }
        let creation = try #require(emulator.requests.first)
        let polls = emulator.requests { $0.method == "GET" }
        try #require(polls.count == statuses.count && statuses.last == "SUCCEEDED")
        // The task's clock starts while its POST is handled and each poll reads it while it is
        // handled: bounds on the emulator's own record that hold however loaded the machine is.
        for (poll, status) in zip(polls, statuses) {
            if status == "SUCCEEDED" {
                #expect(try #require(poll.completion) - creation.arrival >= renderTime, "finished early")
            } else {
                #expect(poll.arrival - (try #require(creation.completion)) < renderTime, "still \(status) after the render time")
            }
        }
    }

    @Test func appliesPayloadFaultsToTheTaskResult() async throws {
        let emulator = try makeEmulator()
        defer { emulator.stop() }
        emulator.inject(.nonImageBytes, matching: .model("seedream-async"))
        let id = try await createTask(emulator, prompt: "garbled")
        var reply = try await poll(emulator, id)
        while H.string(reply.json?["status"]) != "SUCCEEDED" { reply = try await poll(emulator, id) }
        let image = try #require(H.firstImage(reply))
        #expect(!String(decoding: image, as: UTF8.self).hasPrefix("FAKE"))
    }

    @Test func unknownTaskIsNotFound() async throws {
        let emulator = try makeEmulator()
        defer { emulator.stop() }
        let reply = try await poll(emulator, "task-nope")
        #expect(reply.status == 404)
        #expect(H.errorCode(reply) == "task_not_found")
    }
}
