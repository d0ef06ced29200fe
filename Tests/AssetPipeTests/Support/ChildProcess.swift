import Foundation

/// The `assetpipe` executable built alongside the tests, run as a child process for what only
/// a real process shows: signals, exit codes, kills.
struct ChildProcess {
    /// SwiftPM puts executables next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assetpipe")
    }

    let process = Process()
    let errorPipe = Pipe()

    init(_ arguments: [String], in directory: URL) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the process to end, killing it after `limit`; returns its exit status and stderr.
    func finish(within limit: Duration) async throws -> (status: Int32, stderr: String) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let text = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }
}
