import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// The Files API as batches use it: uploads, the File object, the bytes, and who may see them.
@Suite struct EmulatorFilesTests {
    typealias H = EmulatorHarness

    @Test func anUploadIsServedBackAsItsFileObjectAndItsBytes() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let data = try BatchClient.jsonl([BatchClient.generation("a"), BatchClient.generation("b")])
        let uploaded = try await client.upload(data, filename: "steps.jsonl")
        #expect(uploaded.status == 200)
        let file = try #require(uploaded.json)
        let id = try #require(H.string(file["id"]))
        #expect(H.string(file["object"]) == "file")
        #expect(H.number(file["bytes"]) == Double(data.count))
        #expect(H.number(file["created_at"]) != nil)
        #expect(H.string(file["filename"]) == "steps.jsonl")
        #expect(H.string(file["purpose"]) == "batch")

        let retrieved = try await client.file(id)
        #expect(retrieved.status == 200)
        #expect(retrieved.json == file)
        let content = try await client.content(id)
        #expect(content.status == 200)
        #expect(content.body == data)
    }

    @Test func refusesUploadsTheFilesAPIRefuses() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let data = Data("{}\n".utf8)
        let noPurpose = try await client.upload(data, purpose: nil)
        #expect(noPurpose.status == 400)
        #expect(H.errorCode(noPurpose) == "missing_required_parameter")
        let badPurpose = try await client.upload(data, purpose: "batch_output")
        #expect(badPurpose.status == 400)
        #expect(H.errorCode(badPurpose) == "invalid_value")
        let notJSONL = try await client.upload(data, filename: "input.json")
        #expect(notJSONL.status == 400)
        #expect(H.errorCode(notJSONL) == "invalid_file_format")
        #expect(emulator.requests { $0.path == "/v1/files" }.allSatisfy { $0.issuedFileIDs.isEmpty })
    }

    /// Another account's file does not exist for a key: not as an object, not as bytes, not as
    /// a batch's input, and a Files API file is no open link either.
    @Test func anotherKeyCannotSeeAFile() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let owner = BatchClient(emulator: emulator)
        let stranger = BatchClient(emulator: emulator, key: H.otherSecret)
        let id = try await owner.uploadLines([BatchClient.generation("a")])

        for reply in [try await stranger.file(id), try await stranger.content(id)] {
            #expect(reply.status == 404)
            #expect(H.string(reply.json?["error"]?["type"]) == "invalid_request_error")
            #expect(H.string(reply.json?["error"]?["message"]) == "No such File object: \(id)")
        }
        let batch = try await stranger.create(id)
        #expect(batch.status == 400)
        #expect(H.string(batch.json?["error"]?["param"]) == "input_file_id")
        let link = try await H.get(emulator.baseURL.appendingPathComponent("files/\(id)"), key: nil)
        #expect(link.status == 404)

        #expect(try await owner.file(id).status == 200)
    }
}
