import Foundation
import Synchronization

/// The `assetpipe` executable built alongside the tests, run as a child process for what only
/// a real process shows: signals, exit codes, kills. Its standard error is read as it arrives,
/// so a test can wait for a line instead of sleeping for a guessed time.
final class ChildProcess: Sendable {
    /// SwiftPM puts executables next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assetpipe")
    }

    /// How a child ended: its exit status, or the signal that killed it.
    struct Ending {
        var status: Int32
        var wasSignalled: Bool
        var stderr: String
    }

    let process: Process
    private let stderr = ErrorLog()

    /// `environment` replaces the test process's own when given.
    init(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws {
        let process = Process()
        let errorPipe = Pipe()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        self.process = process
        try process.run()
        let reader = errorPipe.fileHandleForReading
        Thread.detachNewThread { [stderr] in
            while true {
                let chunk = reader.availableData
                stderr.state.withLock { state in
                    if chunk.isEmpty { state.closed = true } else { state.text.append(chunk) }
                }
                if chunk.isEmpty { return }
            }
        }
    }

    /// What the child wrote to standard error so far.
    var errorText: String { String(decoding: stderr.state.withLock { $0.text }, as: UTF8.self) }

    /// Waits until standard error contains `text` (true) or the child ends or `limit` passes (false).
    func waitForError(containing text: String, within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if errorText.contains(text) { return true }
            if stderr.state.withLock({ $0.closed }) { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Waits for the process to end, killing it after `limit`; returns its exit status and stderr.
    func finish(within limit: Duration) async throws -> (status: Int32, stderr: String) {
        let ending = try await end(within: limit)
        return (ending.status, ending.stderr)
    }

    /// Waits for the process to end, killing it after `limit`.
    func end(within limit: Duration) async throws -> Ending {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        while !stderr.state.withLock({ $0.closed }) { try await Task.sleep(for: .milliseconds(1)) }
        return Ending(status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal, stderr: errorText)
    }
}

/// A child's standard error as it arrives, and whether it has ended.
private final class ErrorLog: Sendable {
    let state = Mutex((text: Data(), closed: false))
}
