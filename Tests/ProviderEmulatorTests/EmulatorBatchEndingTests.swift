import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// Batches that end before all their lines ran: expired part-way, or cancelled. What ran keeps
/// its answers; what did not is listed in the error file with no response.
@Suite struct EmulatorBatchEndingTests {
    typealias H = EmulatorHarness

    private let ids = ["a", "b", "c", "d", "e"]

    /// Checks a result file of lines that never ran, and returns their custom_ids.
    private func unrun(_ errors: [String: JSONValue], code: String) -> Set<String> {
        for (customID, line) in errors {
            #expect(line["response"] == .null, "\(customID)")
            #expect(H.string(line["error"]?["code"]) == code, "\(customID)")
            #expect(H.string(line["error"]?["message"])?.isEmpty == false, "\(customID)")
        }
        return Set(errors.keys)
    }

    @Test func anExpiringBatchKeepsWhatRanAndListsTheRestAsExpired() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(linesPerStep: 1))
        defer { emulator.stop() }
        emulator.inject(.batchExpires(afterLines: 2))
        let client = BatchClient(emulator: emulator)
        let (statuses, batch) = try await client.pollUntilDone(try await client.submit(ids.map { BatchClient.generation($0) }))
        #expect(statuses == ["validating", "in_progress", "expired"])
        #expect(H.number(batch["expired_at"]) != nil)
        for field in ["finalizing_at", "completed_at", "cancelled_at"] { #expect(batch[field] == .null, "\(field)") }
        #expect(BatchClient.counts(batch) == [5, 2, 0])

        let output = try await client.results(batch["output_file_id"])
        #expect(Set(output.keys) == ["a", "b"])
        #expect(output.values.allSatisfy { BatchClient.image($0) != nil })
        #expect(unrun(try await client.results(batch["error_file_id"]), code: "batch_expired") == ["c", "d", "e"])
        #expect(emulator.requests { $0.isPaidGeneration }.compactMap(\.customID) == ["a", "b"])
    }

    @Test func cancellingKeepsFinishedLinesAndListsTheRestAsCancelled() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(linesPerStep: 1))
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let id = try await client.submit(ids.map { BatchClient.generation($0) })
        for _ in 0..<2 { _ = try await client.retrieve(id) }

        let cancelling = try await client.cancel(id)
        #expect(cancelling.status == 200)
        #expect(H.string(cancelling.json?["status"]) == "cancelling")
        #expect(H.number(cancelling.json?["cancelling_at"]) != nil)
        let (statuses, batch) = try await client.pollUntilDone(id)
        #expect(statuses == ["cancelling", "cancelled"])
        #expect(H.number(batch["cancelled_at"]) != nil)
        #expect(batch["completed_at"] == .null)
        #expect(BatchClient.counts(batch) == [5, 1, 0])

        #expect(Set(try await client.results(batch["output_file_id"]).keys) == ["a"])
        #expect(unrun(try await client.results(batch["error_file_id"]), code: "batch_cancelled") == ["b", "c", "d", "e"])
        #expect(emulator.requests { $0.isPaidGeneration }.compactMap(\.customID) == ["a"])

        let again = try await client.cancel(id)
        #expect(again.status == 409)
        #expect(H.string(again.json?["error"]?["type"]) == "invalid_request_error")
        #expect(try await client.cancel("batch_nope").status == 404)
    }

    /// Cancelled before validation: nothing ran, so there are no result files at all.
    @Test func aBatchCancelledWhileValidatingRunsNothing() async throws {
        let emulator = try H.emulator(batches: BatchBehavior(cancellingSteps: 0))
        defer { emulator.stop() }
        let client = BatchClient(emulator: emulator)
        let id = try await client.submit(ids.map { BatchClient.generation($0) })
        #expect(H.string(try await client.cancel(id).json?["status"]) == "cancelling")
        let (statuses, batch) = try await client.pollUntilDone(id)
        #expect(statuses == ["cancelled"])
        #expect(batch["output_file_id"] == .null)
        #expect(batch["error_file_id"] == .null)
        #expect(emulator.requests { $0.isBatchLine }.isEmpty)
    }
}
