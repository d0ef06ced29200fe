import Foundation
import Dispatch
import Synchronization
import AssetPipeEngine
import AssetPipeReporting

/// `--events FILE` (or `-` for stdout): every run event as one JSON object per line, for other
/// tools to follow while the run goes (`tail -f`) or read afterwards.
///
/// The engine calls `record` from many tasks; the line is built there, stamped with the wall
/// clock, and written on a serial queue, so the cooperative pool never waits on the disk and
/// lines never interleave. Each line is written as it comes (no buffering). A write that fails
/// (disk full) stops the log and is reported once the run is over, never failing the run.
final class EventLog: RunObserver {
    private struct State {
        var closed = false
        /// The first write that failed: nothing more is written after it.
        var failure: String?
    }

    private let queue = DispatchQueue(label: "assetpipe.events")
    /// Touched only on `queue`.
    private let state = Mutex(State())
    private let wallClock: @Sendable () -> Date
    private let writeLine: @Sendable (String) throws -> Void
    private let closeOutput: @Sendable () -> Void

    /// `writeLine` gets each line without its newline.
    init(wallClock: @escaping @Sendable () -> Date = Date.init, writeLine: @escaping @Sendable (String) throws -> Void,
         close: @escaping @Sendable () -> Void = {}) {
        self.wallClock = wallClock
        self.writeLine = writeLine
        self.closeOutput = close
    }

    /// The log at `path`, created or emptied, or the command's output (stdout) for `-`. Opens a
    /// file: call it off the cooperative pool.
    static func open(_ path: String, relativeTo directory: URL, console: Console) throws -> EventLog {
        guard path != "-" else { return EventLog(writeLine: console.output) }
        let url = URL(fileURLWithPath: path, relativeTo: directory)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw UsageError(message: "--events: cannot create \(path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        return EventLog(writeLine: { line in try handle.write(contentsOf: Data((line + "\n").utf8)) },
                        close: { try? handle.close() })
    }

    func record(_ event: RunEvent) {
        write(EventRecord(event))
    }

    /// Writes `run_finished` from the run's report (nil: the run could not start), waits for
    /// every line to be written, and closes the file. Returns what went wrong, if a write
    /// failed; a second call does nothing.
    func finish(_ document: ReportDocument?) -> String? {
        if let document { write(EventRecord(finished: document)) }
        return queue.sync {
            let (wasOpen, failure) = state.withLock { state in
                defer { state.closed = true }
                return (!state.closed, state.failure)
            }
            guard wasOpen else { return nil }
            closeOutput()
            return failure
        }
    }

    private func write(_ record: EventRecord) {
        let line = record.line(at: wallClock())
        queue.async { [self] in
            guard state.withLock({ !$0.closed && $0.failure == nil }) else { return }
            do {
                try writeLine(line)
            } catch {
                state.withLock { $0.failure = "--events: writing failed: \(error.localizedDescription)" }
            }
        }
    }
}
