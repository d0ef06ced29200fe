import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// What `POST /v1/batches` refuses outright, and what fails a batch once it validates its file.
@Suite struct EmulatorBatchValidationTests {
    typealias H = EmulatorHarness

    @Test func refusesBatchesTheBatchAPIRefuses() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let fileID = try await client.uploadLines([BatchClient.generation("a")])
        let image = try await client.upload(Data("PNG".utf8), filename: "cat.png", purpose: "vision", contentType: "image/png")
        let imageID = try #require(H.string(image.json?["id"]))
        let url = emulator.openAIBaseURL.appendingPathComponent("batches")
        let cases: [(body: [String: Any], param: String, code: String?)] = [
            (["input_file_id": fileID, "endpoint": "/v1/chat/completions", "completion_window": "24h"], "endpoint", "invalid_value"),
            (["input_file_id": fileID, "endpoint": BatchClient.generations, "completion_window": "1h"], "completion_window",
             "invalid_value"),
            (["endpoint": BatchClient.generations, "completion_window": "24h"], "input_file_id", "missing_required_parameter"),
            (["input_file_id": "file-nope", "endpoint": BatchClient.generations, "completion_window": "24h"], "input_file_id",
             "file_not_found"),
            (["input_file_id": imageID, "endpoint": BatchClient.generations, "completion_window": "24h"], "input_file_id",
             "invalid_value"),
            (["input_file_id": fileID, "endpoint": BatchClient.generations, "completion_window": "24h",
              "metadata": ["run": 3]], "metadata.run", "invalid_type"),
        ]
        for (body, param, code) in cases {
            let reply = try await H.postJSON(url, body)
            #expect(reply.status == 400, "\(param)")
            #expect(H.string(reply.json?["error"]?["param"]) == param)
            #expect(H.errorCode(reply) == code, "\(param)")
        }
        let unknown = try await H.postJSON(url, ["input_file_id": fileID, "endpoint": BatchClient.generations,
                                                 "completion_window": "24h", "priority": "high"])
        #expect(unknown.status == 400)
        #expect(H.string(unknown.json?["error"]?["message"]) == "Unrecognized request argument supplied: priority")
        #expect(emulator.requests(path: "/v1/batches").allSatisfy { $0.batchID == nil })
    }

    /// Every bad line is named by its 1-based number, not only the first, and nothing runs.
    @Test func failsValidationNamingEveryBadLine() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        var file = try BatchClient.jsonl([
            BatchClient.generation("a"),
            BatchClient.line("b", url: BatchClient.edits, body: ["model": "gpt-image-1", "prompt": "x"]),
            BatchClient.generation("c", model: "dall-e-3"),
            BatchClient.generation("a"),
        ])
        file.append(Data("{not json\n".utf8))
        file.append(try BatchClient.jsonl([["custom_id": "f", "method": "GET", "url": BatchClient.generations, "body": [:]]]))
        let fileID = try #require(H.string(try await client.upload(file).json?["id"]))
        let id = try #require(H.string(try await client.create(fileID).json?["id"]))

        let (statuses, batch) = try await client.pollUntilDone(id)
        #expect(statuses == ["validating", "failed"])
        #expect(H.string(batch["errors"]?["object"]) == "list")
        let errors = (batch["errors"]?["data"]?.arrayValue ?? []).map { error in
            "\(Int(H.number(error["line"]) ?? 0)) \(H.string(error["code"]) ?? "?") \(H.string(error["param"]) ?? "-")"
        }
        #expect(errors == ["2 url_mismatch url", "3 model_mismatch body.model", "4 duplicate_custom_id custom_id",
                           "5 invalid_json_line -", "6 invalid_value method"])
        #expect(H.number(batch["failed_at"]) != nil)
        for field in ["in_progress_at", "completed_at", "output_file_id", "error_file_id"] { #expect(batch[field] == .null, "\(field)") }
        #expect(BatchClient.counts(batch) == [0, 0, 0])
        #expect(emulator.requests { $0.isBatchLine }.isEmpty)
    }

    @Test func failsValidationOfAnEmptyFileAndOneOverTheRequestLimit() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(maxRequests: 2))
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let tooMany = try await client.submit(["a", "b", "c"].map { BatchClient.generation($0) })
        let emptyFile = try #require(H.string(try await client.upload(Data()).json?["id"]))
        let empty = try #require(H.string(try await client.create(emptyFile).json?["id"]))
        for (id, code) in [(tooMany, "too_many_tasks"), (empty, "empty_file")] {
            let (_, batch) = try await client.pollUntilDone(id)
            #expect(H.string(batch["status"]) == "failed")
            let error = try #require(batch["errors"]?["data"]?.arrayValue?.first)
            #expect(H.string(error["code"]) == code)
            #expect(error["line"] == .null)
        }
    }

    /// `.batchFailsValidation` is taken by the batch's creation alone (not by the upload before
    /// it), fails a file that is valid, and is used up by it.
    @Test func anInjectedValidationFailureFailsAValidBatch() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.batchFailsValidation())
        let client = BatchClient(emulator: emulator)
        let lines = [BatchClient.generation("a")]
        let (statuses, failed) = try await client.pollUntilDone(try await client.submit(lines))
        #expect(statuses == ["validating", "failed"])
        let errors = failed["errors"]?["data"]?.arrayValue ?? []
        #expect(errors.count == 1)
        #expect(H.string(errors.first?["code"]) == "token_limit_exceeded")
        #expect(H.string(errors.first?["message"])?.isEmpty == false)
        #expect(errors.first?["line"] == .null)
        #expect(emulator.requests(path: "/v1/batches").first?.fault == .batchFailsValidation())
        #expect(emulator.pendingFaults.isEmpty)

        let (_, next) = try await client.pollUntilDone(try await client.submit(lines))
        #expect(H.string(next["status"]) == "completed")
        #expect(emulator.requests(path: "/v1/files").allSatisfy { $0.fault == nil })
    }
}
