import Foundation
import Testing
import Synchronization
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// The `--events` writer: lines in order, all out by the time the run is over, and a failing
/// disk reported once without failing the run.
@Suite struct EventLogTests {
    /// What a log writes, line by line; the `failure`-th write fails.
    private final class Lines: Sendable {
        let written = Mutex<[String]>([])
        let failure: Int?

        init(failingAt failure: Int? = nil) {
            self.failure = failure
        }

        func write(_ line: String) throws {
            try written.withLock { written in
                if written.count + 1 == failure { throw CocoaError(.fileWriteOutOfSpace) }
                written.append(line)
            }
        }
    }

    private func log(_ lines: Lines) -> EventLog {
        EventLog(wallClock: { Date(timeIntervalSince1970: 0) }, writeLine: lines.write)
    }

    @Test func everyLineIsWrittenInOrderByTheTimeTheLogIsFinished() {
        let lines = Lines()
        let log = log(lines)
        for index in 0..<200 { log.record(Events.started("s\(index)")) }
        #expect(log.finish(nil) == nil)
        let written = lines.written.withLock { $0 }
        #expect(written.count == 200)
        #expect(written.enumerated().allSatisfy { $1.contains(#""step":"s\#($0)""#) })
        #expect(written.allSatisfy { $0.hasPrefix(#"{"type":"step_started","time":"1970-01-01T00:00:00.000Z""#) })
    }

    @Test func aWriteThatFailsStopsTheLogAndIsReportedOnce() {
        let lines = Lines(failingAt: 3)
        let log = log(lines)
        for index in 0..<10 { log.record(Events.started("s\(index)")) }
        #expect(log.finish(nil)?.hasPrefix("--events: writing failed: ") == true)
        #expect(lines.written.withLock { $0.count } == 2)
        #expect(log.finish(nil) == nil)
    }

    @Test func aFileIsCreatedOrEmptiedAndAMissingFolderIsAUsageError() throws {
        let folder = try CLIHarness.writeManifest("{}").deletingLastPathComponent()
        try Data("old run\n".utf8).write(to: folder.appendingPathComponent("events.ndjson"))
        let log = try EventLog.open("events.ndjson", relativeTo: folder, console: Console { _, _ in })
        log.record(Events.started("hero"))
        #expect(log.finish(nil) == nil)
        let text = try String(contentsOf: folder.appendingPathComponent("events.ndjson"), encoding: .utf8)
        #expect(text.hasPrefix(#"{"type":"step_started""#) && text.hasSuffix("}\n") && !text.contains("old run"))
        #expect(throws: UsageError(message: "--events: cannot create no/such/folder/events.ndjson")) {
            try EventLog.open("no/such/folder/events.ndjson", relativeTo: folder, console: Console { _, _ in })
        }
    }
}
