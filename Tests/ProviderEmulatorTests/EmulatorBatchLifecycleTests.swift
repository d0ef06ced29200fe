import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// How a batch moves from `validating` to `completed`, what its Batch object and output file
/// hold on the way, and in which order its results come.
@Suite struct EmulatorBatchLifecycleTests {
    typealias H = EmulatorHarness

    /// The Batch object's fields in the reference's order (`model` included, as it is today).
    static let batchFields = [
        "id", "object", "endpoint", "model", "errors", "input_file_id", "completion_window", "status", "output_file_id",
        "error_file_id", "created_at", "in_progress_at", "expires_at", "finalizing_at", "completed_at", "failed_at",
        "expired_at", "cancelling_at", "cancelled_at", "request_counts", "metadata",
    ]

    @Test func aNewBatchIsValidatingWithEveryFieldOfTheBatchObject() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let fileID = try await client.uploadLines([BatchClient.generation("a")])
        let reply = try await client.create(fileID, metadata: ["run": "nightly"])
        #expect(reply.status == 200)
        let batch = try #require(reply.json)
        #expect(batch.objectMembers?.map(\.key) == Self.batchFields)
        #expect(H.string(batch["object"]) == "batch")
        #expect(H.string(batch["endpoint"]) == BatchClient.generations)
        #expect(H.string(batch["input_file_id"]) == fileID)
        #expect(H.string(batch["completion_window"]) == "24h")
        #expect(H.string(batch["status"]) == "validating")
        #expect(batch["metadata"] == .object([("run", .string("nightly"))]))
        #expect(BatchClient.counts(batch) == [0, 0, 0])
        let createdAt = try #require(H.number(batch["created_at"]))
        #expect(H.number(batch["expires_at"]) == createdAt + 86_400)
        for field in ["model", "errors", "output_file_id", "error_file_id", "in_progress_at", "finalizing_at", "completed_at",
                      "failed_at", "expired_at", "cancelling_at", "cancelled_at"] {
            #expect(batch[field] == .null, "\(field)")
        }
        #expect(emulator.requests(path: "/v1/batches").first?.batchID == H.string(batch["id"]))
    }

    @Test func pollsMoveABatchThroughEveryStatusToCompleted() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(linesPerStep: 2))
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let id = try await client.submit(["a", "b", "c"].map { BatchClient.generation($0) })
        var seen: [String] = []
        var batch = JSONValue.null
        for _ in 0..<5 {
            batch = try #require(try await client.retrieve(id).json)
            seen.append("\(H.string(batch["status"]) ?? "?") \(BatchClient.counts(batch))")
        }
        #expect(seen == ["validating [0, 0, 0]", "in_progress [3, 2, 0]", "finalizing [3, 3, 0]", "completed [3, 3, 0]",
                         "completed [3, 3, 0]"])
        #expect(H.string(batch["model"]) == "gpt-image-1")
        for field in ["in_progress_at", "finalizing_at", "completed_at"] { #expect(H.number(batch[field]) != nil, "\(field)") }
        for field in ["failed_at", "expired_at", "cancelling_at", "cancelled_at", "error_file_id", "errors"] {
            #expect(batch[field] == .null, "\(field)")
        }

        let output = try await client.results(batch["output_file_id"])
        #expect(Set(output.keys) == ["a", "b", "c"])
        for (customID, line) in output {
            let record = try #require(emulator.requests { $0.customID == customID }.first)
            #expect(H.string(line["id"])?.hasPrefix("batch_req_") == true)
            #expect(H.number(line["response"]?["status_code"]) == 200)
            #expect(H.string(line["response"]?["request_id"]) == "req-emu-\(record.sequence)")
            #expect(line["error"] == .null)
            let image = try #require(BatchClient.image(line))
            #expect(String(decoding: image, as: UTF8.self) == "FAKE|generation|gpt-image-1|\(record.sequence)|0|a picture for \(customID)")
        }
        let outputID = try #require(H.string(batch["output_file_id"]))
        let outputFile = try #require(try await client.file(outputID).json)
        #expect(H.string(outputFile["purpose"]) == "batch_output")
        #expect(H.string(outputFile["filename"]) == "\(id)_output.jsonl")
    }

    /// The real API promises no order, so the emulator shuffles, by a seed: a client that reads
    /// results by position fails, and every run fails the same way.
    @Test func resultLinesAreShuffledTheSameWayOnEveryRun() async throws {
        let ids = (1...8).map { "step-\($0)" }
        let shuffled = try await outputOrder(of: ids, .shuffled(seed: 7))
        #expect(shuffled != ids)
        #expect(shuffled.sorted() == ids.sorted())
        #expect(try await outputOrder(of: ids, .shuffled(seed: 7)) == shuffled)
        #expect(try await outputOrder(of: ids, .input) == ids)
    }

    /// The custom_ids of a batch's output file, on an emulator whose batches end on their first poll.
    private func outputOrder(of ids: [String], _ order: BatchBehavior.OutputOrder) async throws -> [String] {
        let emulator = try H.emulator(batches: BatchBehavior(validatingSteps: 0, finalizingSteps: 0, outputOrder: order))
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let (statuses, batch) = try await client.pollUntilDone(try await client.submit(ids.map { BatchClient.generation($0) }))
        #expect(statuses == ["completed"])
        return try await client.resultLines(batch["output_file_id"]).compactMap { H.string($0["custom_id"]) }
    }

    /// Under the clock's pace, polls only look: whatever the machine's speed, every poll before
    /// the four steps a two-line batch needs have passed sees it unfinished, and the first after
    /// them sees it completed.
    @Test func onTheClockABatchMovesWithTimeNotWithPolls() async throws {
        let period = Duration.milliseconds(25)
        let emulator = try H.emulator(batches: BatchBehavior(pace: .every(period), linesPerStep: 1))
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let id = try await client.submit([BatchClient.generation("a"), BatchClient.generation("b")])
        var statuses: [String] = []
        for _ in 0..<400 where statuses.last != "completed" {
            statuses.append(H.string(try await client.retrieve(id).json?["status"]) ?? "?")
            try await Task.sleep(for: .milliseconds(5))
        }
        let order = ["validating", "in_progress", "finalizing", "completed"]
        let positions = statuses.compactMap { order.firstIndex(of: $0) }
        #expect(positions.count == statuses.count && positions == positions.sorted())
        try #require(statuses.last == "completed")

        let creation = try #require(emulator.requests(path: "/v1/batches").first)
        let polls = emulator.requests(path: "/v1/batches/\(id)")
        try #require(polls.count == statuses.count)
        for (poll, status) in zip(polls, statuses) {
            if status == "completed" {
                #expect(try #require(poll.completion) - creation.arrival >= period * 4, "completed early")
            } else {
                #expect(poll.arrival - (try #require(creation.completion)) < period * 4, "still \(status) after four steps")
            }
        }
    }
}
