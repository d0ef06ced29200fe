import Foundation
import Testing
@testable import AssetPipeReporting

/// Reading a report another run wrote: what is wrong is said in the report's own terms — the
/// JSON path of the field, snake_case, and the kind of value expected.
@Suite struct ReportReadingTests {
    private func problem(_ json: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try ReportDocument.read(from: file, displayPath: "r.json")
            return "read"
        } catch {
            return error.problem
        }
    }

    @Test func aWrittenReportReadsBack() throws {
        #expect(try problem(String(decoding: try ReportDocumentTests.sample.encoded(), as: UTF8.self)) == "read")
    }

    @Test func aWrongValueIsNamedByItsPathAndTheKindExpected() throws {
        var steps = String(decoding: try ReportDocumentTests.sample.encoded(), as: UTF8.self)
        steps = steps.replacingOccurrences(of: #""saved_by_cache" : 0"#, with: #""saved_by_cache" : "none""#)
        #expect(try problem(steps).hasPrefix("not a run report: totals.saved_by_cache: expected a number"))
        let list = try problem(#"{"report_version": 1, "assetpipe_version": "0.1.0", "manifest": "m", "manifest_sha256": "0", "output_dir": "/o", "started_at": "t", "seconds": 1, "result": "finished", "totals": {"steps": 0, "generated": 0, "cached": 0, "outputs_rerendered": 0, "failed": 0, "skipped": 0, "interrupted": 0, "requests": 0, "images": 0, "files_written": 0, "bytes_written": 0, "spent": 0, "saved_by_cache": 0, "estimated_remaining": 0}, "steps": 3}"#)
        #expect(list.hasPrefix("not a run report: steps: expected a list"), "\(list)")
    }

    @Test func aReportFromANewerAssetpipeIsRefusedRatherThanMisread() throws {
        var newer = ReportDocumentTests.sample
        newer.reportVersion = ReportDocument.currentVersion + 1
        #expect(try problem(String(decoding: try newer.encoded(), as: UTF8.self))
                == "report_version 2 is newer than this assetpipe reads (1); use the assetpipe that wrote it, or a newer one")
    }
}
