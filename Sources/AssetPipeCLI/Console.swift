import Foundation
import Synchronization

/// Line-oriented, thread-safe writing to stderr (progress, errors) and stdout (command output),
/// so lines from concurrent steps never interleave mid-line. Tests capture the lines instead.
public final class Console: Sendable {
    public enum Stream: Sendable {
        case output
        case error
    }

    private let sink: Mutex<@Sendable (Stream, String) -> Void>

    /// Writes to the process's stdout and stderr.
    public convenience init() {
        self.init { stream, line in
            (stream == .output ? FileHandle.standardOutput : FileHandle.standardError).write(Data((line + "\n").utf8))
        }
    }

    /// Sends every line to `sink`, one call at a time.
    public init(sink: @escaping @Sendable (Stream, String) -> Void) {
        self.sink = Mutex(sink)
    }

    public func error(_ line: String) { write(line, to: .error) }
    public func output(_ line: String) { write(line, to: .output) }

    private func write(_ line: String, to stream: Stream) {
        sink.withLock { $0(stream, line) }
    }
}
