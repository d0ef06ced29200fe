import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// How a batch runs its lines: through the synchronous routes (so the same request gives the
/// same images either way), with per-line faults, and each line once, as the log shows.
@Suite struct EmulatorBatchLineTests {
    typealias H = EmulatorHarness

    /// The images of an answer body, decoded from its `b64_json` items.
    private func images(_ body: JSONValue?) -> [Data] {
        (body?["data"]?.arrayValue ?? []).compactMap { H.string($0["b64_json"]).flatMap { Data(base64Encoded: $0) } }
    }

    /// Runs `body` synchronously on `endpoint`, then as a batch's only line, and returns both
    /// answers' images and the log records of the request and of the line.
    private func synchronousAndBatched(_ body: [String: Any], endpoint: String, on emulator: ProviderEmulator,
                                       _ client: BatchClient) async throws -> (sync: [Data], batched: [Data],
                                                                               request: RecordedRequest, line: RecordedRequest) {
        let url = try #require(URL(string: emulator.baseURL.absoluteString + endpoint))
        let reply = try await H.postJSON(url, body)
        try #require(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        let id = try await client.submit([BatchClient.line("only", url: endpoint, body: body)], endpoint: endpoint)
        let (_, batch) = try await client.pollUntilDone(id)
        let line = try #require(try await client.results(batch["output_file_id"])["only"])
        let request = try #require(emulator.requests(path: endpoint).first { !$0.isBatchLine })
        let lineRecord = try #require(emulator.requests { $0.customID == "only" }.first)
        return (images(reply.json), images(line["response"]?["body"]), request, lineRecord)
    }

    @Test func aGenerationLineRendersTheSynchronousRoutesBytes() async throws {
        let emulator = try H.emulator(imageFactory: H.contentImages)
        defer { emulator.stop() }
        let body: [String: Any] = ["model": "gpt-image-1", "prompt": "a red kite", "size": "1536x1024", "n": 2,
                                   "output_format": "webp"]
        let (sync, batched, request, line) = try await synchronousAndBatched(body, endpoint: BatchClient.generations, on: emulator,
                                                                             BatchClient(emulator: emulator))
        #expect(sync.count == 2)
        #expect(batched == sync)
        #expect(line.sequence != request.sequence)
        #expect(line.imagesRendered == request.imagesRendered)
    }

    /// A JSON edit's inputs (data URL, https URL, an uploaded `file_id`, a mask) reach the
    /// renderer the same way from a line as from the request.
    @Test func aJSONEditLineRendersTheSynchronousRoutesBytesFromTheSameInputs() async throws {
        let emulator = try H.emulator(imageFactory: H.contentImages)
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let uploaded = try await client.upload(Data("uploaded cat".utf8), filename: "cat.png", purpose: "vision",
                                               contentType: "image/png")
        let fileID = try #require(H.string(uploaded.json?["id"]))
        let body: [String: Any] = [
            "model": "gpt-image-1", "prompt": "give it a hat",
            "images": [["image_url": "data:image/png;base64,\(Data("inline dog".utf8).base64EncodedString())"],
                       ["image_url": "https://example.com/bird.png"], ["file_id": fileID]],
            "mask": ["image_url": "data:image/png;base64,\(Data("mask".utf8).base64EncodedString())"],
        ]
        let (sync, batched, request, line) = try await synchronousAndBatched(body, endpoint: BatchClient.edits, on: emulator, client)
        #expect(sync.count == 1)
        #expect(batched == sync)
        #expect(String(decoding: batched.first ?? Data(), as: UTF8.self).contains("edit|gpt-image-1|give it a hat"))
        #expect(request.inputs.map(\.field) == ["images", "images", "images", "mask"])
        #expect(line.inputs == request.inputs)
    }

    /// An error answer of a line (injected, or the route's own 400) is its response in the error
    /// file; an unusable image is a 200 in the output file, as the synchronous route serves it.
    @Test func errorAnswersOfLinesGoToTheErrorFileAndUnusableImagesToTheOutput() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        emulator.inject(.status(503), matching: .batchLine && .prompt(containing: "flaky"))
        emulator.inject(.contentPolicy, matching: .batchLine && .prompt(containing: "refused"))
        emulator.inject(.invalidBase64, matching: .batchLine && .marker("garbled"))
        let client = BatchClient(emulator: emulator)
        let lines = [
            BatchClient.generation("ok"), BatchClient.generation("flaky", prompt: "flaky sky"),
            BatchClient.generation("refused", prompt: "refused sky"), BatchClient.generation("garbled"),
            BatchClient.line("unprompted", body: ["model": "gpt-image-1"]),
        ]
        let (_, batch) = try await client.pollUntilDone(try await client.submit(lines))
        #expect(H.string(batch["status"]) == "completed")
        #expect(BatchClient.counts(batch) == [5, 2, 3])

        let errors = try await client.results(batch["error_file_id"])
        #expect(Set(errors.keys) == ["flaky", "refused", "unprompted"])
        let answers = errors.mapValues { line in
            "\(Int(H.number(line["response"]?["status_code"]) ?? 0)) \(H.string(line["response"]?["body"]?["error"]?["type"]) ?? "?")"
        }
        #expect(answers == ["flaky": "503 server_error", "refused": "400 image_generation_user_error",
                            "unprompted": "400 invalid_request_error"])
        #expect(H.string(errors["refused"]?["response"]?["body"]?["error"]?["code"]) == "moderation_blocked")
        #expect(errors.values.allSatisfy { $0["error"] == .null && H.string($0["response"]?["request_id"]) != nil })

        let output = try await client.results(batch["output_file_id"])
        #expect(Set(output.keys) == ["ok", "garbled"])
        #expect(BatchClient.image(output["ok"]) != nil)
        #expect(H.number(output["garbled"]?["response"]?["status_code"]) == 200)
        #expect(BatchClient.image(output["garbled"]) == nil)

        let faults = Dictionary(uniqueKeysWithValues: emulator.requests { $0.isBatchLine }.map { ($0.customID ?? "?", $0.fault) })
        #expect(faults == ["ok": nil, "flaky": .status(503), "refused": .contentPolicy, "garbled": .invalidBase64, "unprompted": nil])
        #expect(emulator.requests { !$0.isBatchLine }.allSatisfy { $0.fault == nil })
        #expect(emulator.pendingFaults.isEmpty)
    }

    /// What a spec counts to prove no image was paid for twice: paid generations across
    /// synchronous requests and batch lines, each custom_id run once however often it is polled.
    @Test func eachLineIsPaidOnceHoweverOftenItsBatchIsPolled() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(linesPerStep: 1))
        defer { emulator.stop() }
        emulator.inject(.status(500), matching: .batchLine && .prompt(containing: "picture for d"))
        let client = BatchClient(emulator: emulator)
        let hero = try await H.postJSON(emulator.openAIBaseURL.appendingPathComponent("images/generations"),
                                        ["model": "gpt-image-1", "prompt": "the hero"])
        #expect(hero.status == 200)
        let id = try await client.submit(["a", "b", "c", "d"].map { BatchClient.generation($0) })
        let (statuses, _) = try await client.pollUntilDone(id)
        #expect(statuses == ["validating", "in_progress", "in_progress", "in_progress", "finalizing", "completed"])
        for _ in 0..<3 { _ = try await client.retrieve(id) }

        let lines = emulator.requests { $0.isBatchLine }
        #expect(lines.compactMap(\.customID) == ["a", "b", "c", "d"])
        #expect(lines.allSatisfy { $0.batchID == id && $0.key.label == "main" && $0.path == BatchClient.generations })
        #expect(lines.map(\.status) == [200, 200, 200, 500])
        let paid = emulator.requests { $0.isPaidGeneration }
        #expect(paid.map { $0.customID ?? $0.prompt ?? "?" } == ["the hero", "a", "b", "c"])
        #expect(paid.map(\.imagesRendered).reduce(0, +) == 4)
        #expect(emulator.requests { $0.batchID == id && !$0.isBatchLine }.allSatisfy { !$0.isPaidGeneration })
        // Lines arrived over no connection, so they count against no request limit.
        let sent = emulator.requests { !$0.isBatchLine }.count
        #expect(emulator.rateLimitViolations(forKey: "main", limit: sent).isEmpty)
    }
}
