import Foundation

/// The `assetpipe` executable built alongside the tests, run as a child process for what only
/// a real process shows: signals, exit codes, kills.
struct ChildProcess {
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

    let process = Process()
    let errorPipe = Pipe()

    /// `environment` replaces the test process's own when given.
    init(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the process to end, killing it after `limit`; returns its exit status and stderr.
    func finish(within limit: Duration) async throws -> (status: Int32, stderr: String) {
        let ending = try await end(within: limit)
        return (ending.status, ending.stderr)
    }

    /// Waits for the process to end, killing it after `limit`.
    func end(within limit: Duration) async throws -> Ending {
        // Read stderr while waiting: a child that fills the pipe would otherwise block forever.
        let reader = Task.detached { [errorPipe] in errorPipe.fileHandleForReading.readDataToEndOfFile() }
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let text = String(decoding: await reader.value, as: UTF8.self)
        return Ending(status: process.terminationStatus, wasSignalled: process.terminationReason == .uncaughtSignal, stderr: text)
    }
}
