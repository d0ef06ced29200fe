import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// `GET /v1/batches` page by page, and batches as another key sees them: not at all.
@Suite struct EmulatorBatchListTests {
    typealias H = EmulatorHarness

    private func ids(_ reply: H.Reply) -> [String] {
        (reply.json?["data"]?.arrayValue ?? []).compactMap { H.string($0["id"]) }
    }

    @Test func listsBatchesNewestFirstPageByPage() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let fileID = try await client.uploadLines([BatchClient.generation("a")])
        var created: [String] = []
        for _ in 0..<3 { created.append(try #require(H.string(try await client.create(fileID).json?["id"]))) }

        let first = try await client.list("limit=2")
        #expect(first.status == 200)
        #expect(H.string(first.json?["object"]) == "list")
        #expect(ids(first) == [created[2], created[1]])
        #expect(H.string(first.json?["first_id"]) == created[2])
        #expect(H.string(first.json?["last_id"]) == created[1])
        #expect(first.json?["has_more"] == .bool(true))

        let second = try await client.list("limit=2&after=\(created[1])")
        #expect(ids(second) == [created[0]])
        #expect(second.json?["has_more"] == .bool(false))
        let all = try await client.list()
        #expect(ids(all) == created.reversed())
        // Listing only looks: under the poll pace, no batch has moved on.
        #expect((all.json?["data"]?.arrayValue ?? []).allSatisfy { H.string($0["status"]) == "validating" })

        for limit in ["0", "101", "two"] {
            let refused = try await client.list("limit=\(limit)")
            #expect(refused.status == 400, "limit=\(limit)")
            #expect(H.string(refused.json?["error"]?["param"]) == "limit")
        }
    }

    @Test func anotherKeyCannotSeeMoveOrCancelABatch() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(validatingSteps: 0, finalizingSteps: 0))
        defer { emulator.stop() }
        let owner = BatchClient(emulator: emulator)
        let stranger = BatchClient(emulator: emulator, key: H.otherSecret)
        let id = try await owner.submit([BatchClient.generation("a")])

        let poll = try await stranger.retrieve(id)
        #expect(poll.status == 404)
        #expect(H.string(poll.json?["error"]?["message"]) == "No such Batch object: \(id)")
        #expect(try await stranger.cancel(id).status == 404)
        let list = try await stranger.list()
        #expect(ids(list).isEmpty)
        #expect(list.json?["first_id"] == .null)
        #expect(list.json?["has_more"] == .bool(false))
        #expect(emulator.requests { $0.isBatchLine }.isEmpty, "a stranger's poll ran the batch")

        let (_, batch) = try await owner.pollUntilDone(id)
        let outputID = try #require(H.string(batch["output_file_id"]))
        #expect(try await stranger.content(outputID).status == 404)
        #expect(try await owner.content(outputID).status == 200)
    }
}
