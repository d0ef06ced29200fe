import Foundation

/// Line-oriented, thread-safe writing to stderr (progress) and stdout (command output), so
/// lines from concurrent steps never interleave mid-line.
public final class Console: Sendable {
    private let lock = NSLock()

    public init() {}

    public func error(_ line: String) { write(line, to: FileHandle.standardError) }
    public func output(_ line: String) { write(line, to: FileHandle.standardOutput) }

    private func write(_ line: String, to handle: FileHandle) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }
}
