import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator

/// A client of the emulator's Files and Batch APIs, as small as its specs need: it uploads
/// JSONL, creates, polls, cancels and lists batches, and reads result files. It speaks HTTP like
/// any client, so the specs see exactly what a provider adapter would.
struct BatchClient {
    typealias H = EmulatorHarness

    static let generations = "/v1/images/generations"
    static let edits = "/v1/images/edits"
    static let terminalStatuses: Set = ["completed", "failed", "expired", "cancelled"]

    let emulator: ProviderEmulator
    var key = H.secret

    /// One request of an input file.
    static func line(_ customID: String, url: String = generations, body: [String: Any]) -> [String: Any] {
        ["custom_id": customID, "method": "POST", "url": url, "body": body]
    }

    /// A generation line with a prompt of its own, so its image names it.
    static func generation(_ customID: String, prompt: String? = nil, model: String = "gpt-image-1") -> [String: Any] {
        line(customID, body: ["model": model, "prompt": prompt ?? "a picture for \(customID)", "size": "1024x1024"])
    }

    static func jsonl(_ lines: [[String: Any]]) throws -> Data {
        var data = Data()
        for line in lines {
            data.append(try JSONSerialization.data(withJSONObject: line))
            data.append(0x0A)
        }
        return data
    }

    private func url(_ path: String) -> URL {
        emulator.openAIBaseURL.appendingPathComponent(path)
    }

    // MARK: Files

    func upload(_ data: Data, filename: String = "input.jsonl", purpose: String? = "batch",
                contentType: String = "application/jsonl") async throws -> H.Reply {
        var form = H.Multipart()
        if let purpose { form.field("purpose", purpose) }
        form.file("file", filename: filename, contentType: contentType, data)
        return try await H.send(H.request(url("files"), key: key, contentType: form.contentType, body: form.finished()))
    }

    /// Uploads the lines as a batch input file and returns its id.
    func uploadLines(_ lines: [[String: Any]]) async throws -> String {
        let reply = try await upload(try Self.jsonl(lines))
        try #require(reply.status == 200, "upload refused: \(String(decoding: reply.body, as: UTF8.self))")
        return try #require(H.string(reply.json?["id"]))
    }

    func file(_ id: String) async throws -> H.Reply {
        try await H.get(url("files/\(id)"), key: key)
    }

    func content(_ id: String) async throws -> H.Reply {
        try await H.get(url("files/\(id)/content"), key: key)
    }

    /// The lines of a result file in the file's order; none when the batch names no file.
    func resultLines(_ fileID: JSONValue?) async throws -> [JSONValue] {
        guard let id = H.string(fileID) else { return [] }
        let reply = try await content(id)
        try #require(reply.status == 200)
        return try String(decoding: reply.body, as: UTF8.self).split(separator: "\n").map { try JSONValue(parsing: String($0)) }
    }

    /// A result file's lines by `custom_id`, which is how a client must match them.
    func results(_ fileID: JSONValue?) async throws -> [String: JSONValue] {
        var byID: [String: JSONValue] = [:]
        for line in try await resultLines(fileID) {
            let customID = try #require(H.string(line["custom_id"]))
            #expect(byID[customID] == nil, "\(customID) appears twice")
            byID[customID] = line
        }
        return byID
    }

    // MARK: Batches

    func create(_ inputFileID: String, endpoint: String = generations, metadata: [String: String]? = nil) async throws -> H.Reply {
        var body: [String: Any] = ["input_file_id": inputFileID, "endpoint": endpoint, "completion_window": "24h"]
        if let metadata { body["metadata"] = metadata }
        return try await H.postJSON(url("batches"), body, key: key)
    }

    /// Uploads the lines, creates their batch and returns its id.
    func submit(_ lines: [[String: Any]], endpoint: String = generations) async throws -> String {
        let reply = try await create(try await uploadLines(lines), endpoint: endpoint)
        try #require(reply.status == 200, "batch refused: \(String(decoding: reply.body, as: UTF8.self))")
        #expect(H.string(reply.json?["status"]) == "validating")
        return try #require(H.string(reply.json?["id"]))
    }

    func retrieve(_ id: String) async throws -> H.Reply {
        try await H.get(url("batches/\(id)"), key: key)
    }

    /// Polls until the batch ends, with a bound so a batch that never ends fails the spec rather
    /// than hanging it; returns the status of every poll and the last Batch object.
    func pollUntilDone(_ id: String, maxPolls: Int = 20) async throws -> (statuses: [String], batch: JSONValue) {
        var statuses: [String] = []
        for _ in 0..<maxPolls {
            let reply = try await retrieve(id)
            try #require(reply.status == 200)
            let batch = try #require(reply.json)
            let status = try #require(H.string(batch["status"]))
            statuses.append(status)
            if Self.terminalStatuses.contains(status) { return (statuses, batch) }
        }
        throw NeverEnded(id: id, statuses: statuses)
    }

    struct NeverEnded: Error, CustomStringConvertible {
        let id: String
        let statuses: [String]

        var description: String { "batch \(id) still \(statuses.last ?? "?") after \(statuses.count) polls" }
    }

    func cancel(_ id: String) async throws -> H.Reply {
        try await H.send(H.request(url("batches/\(id)/cancel"), key: key))
    }

    func list(_ query: String = "") async throws -> H.Reply {
        let base = url("batches")
        let target = query.isEmpty ? base : try #require(URL(string: base.absoluteString + "?" + query))
        return try await H.get(target, key: key)
    }

    static func counts(_ batch: JSONValue) -> [Int] {
        ["total", "completed", "failed"].map { Int(H.number(batch["request_counts"]?[$0]) ?? -1) }
    }

    /// The image of an output line's answer, decoded from its first `b64_json`.
    static func image(_ line: JSONValue?) -> Data? {
        guard let base64 = H.string(line?["response"]?["body"]?["data"]?.arrayValue?.first?["b64_json"]) else { return nil }
        return Data(base64Encoded: base64)
    }
}
