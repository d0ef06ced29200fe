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
    /// stderr, when it is a terminal: a run's live status draws on it. Nil for pipes and files.
    public let terminal: Terminal?

    /// Writes to the process's stdout and stderr.
    public convenience init() {
        self.init(terminal: .standardError()) { stream, line in
            (stream == .output ? FileHandle.standardOutput : FileHandle.standardError).write(Data((line + "\n").utf8))
        }
    }

    /// Sends every line to `sink`, one call at a time; `terminal` stands for stderr when it is one.
    public init(terminal: Terminal? = nil, sink: @escaping @Sendable (Stream, String) -> Void) {
        self.sink = Mutex(sink)
        self.terminal = terminal
    }

    public func error(_ line: String) { write(line, to: .error) }
    public func output(_ line: String) { write(line, to: .output) }

    private func write(_ line: String, to stream: Stream) {
        sink.withLock { $0(stream, line) }
    }
}
