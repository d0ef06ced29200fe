import AssetPipe
import Foundation
import Testing
import ProviderEmulator

/// The task lifecycle of models configured as asynchronous.
@Suite struct EmulatorAsyncTaskTests {
    typealias H = EmulatorHarness

    private func makeEmulator() throws -> ProviderEmulator {
        try H.emulator(models: ["seedream-async": ModelBehavior(mode: .asynchronous(pollsBeforeCompletion: 2))])
    }

    private func createTask(_ emulator: ProviderEmulator, prompt: String) async throws -> String {
        let reply = try await H.postJSON(emulator.openAIBaseURL.appendingPathComponent("images/generations"),
                                         ["model": "seedream-async", "prompt": prompt, "size": "1024x1024", "quality": "high"])
        #expect(reply.status == 200)
        #expect(H.string(reply.json?["object"]) == "image.generation.task")
        #expect(H.string(reply.json?["status"]) == "QUEUED")
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

    @Test func endsFailedOrEmptyWhenTold() async throws {
        let emulator = try makeEmulator()
        defer { emulator.stop() }
        emulator.inject(.taskFails, matching: .prompt(containing: "doomed"))
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
        #expect(H.string(failed.json?["error"]?["code"]) == "invalid_image_request")
        let empty = try await poll(emulator, hollow)
        #expect(H.string(empty.json?["status"]) == "SUCCEEDED")
        #expect(H.dataItems(empty).isEmpty)
        #expect(emulator.requests(promptContaining: "doomed").first?.fault == .taskFails)
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
