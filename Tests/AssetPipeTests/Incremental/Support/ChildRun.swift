import Foundation
import Glibc

/// The `assetpipe` executable, run as a child process that a test can SIGKILL at any moment.
/// Its progress lines (stderr) go to a file the test reads while it runs.
final class ChildRun {
    private let process = Process()
    private let log: URL

    /// The executable the build puts next to the test runner. Missing is an error, not a reason
    /// to skip: the crash specs must run wherever the tests run.
    static func executable() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0])
        let executable = runner.deletingLastPathComponent().appendingPathComponent("assetpipe")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ChildRunError("no assetpipe executable at \(executable.path) (test runner: \(runner.path)); build it with 'swift build'")
        }
        return executable
    }

    /// Starts `executable` with `arguments`; stdout is discarded, stderr kept in `folder`.
    init(_ executable: URL, _ arguments: [String], logIn folder: URL) throws {
        log = folder.appendingPathComponent("child-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw ChildRunError("cannot create \(log.path)") }
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "ASSETPIPE_CACHE_DIR" }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    /// The complete lines written to stderr so far.
    var lines: [String] {
        guard let data = try? Data(contentsOf: log) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        return complete.split(separator: "\n").map(String.init)
    }

    var progress: ProgressLines { ProgressLines(lines) }

    /// Waits until the progress says `condition`, the child exits, or `limit` passes (a bound
    /// against hanging, not a timing expectation).
    func wait(until condition: (ProgressLines) -> Bool, limit: Duration) async throws {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, !condition(progress), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Sends SIGKILL if the child is still running; returns whether the kill ended it (false
    /// when it had already finished on its own).
    func kill() async throws -> Bool {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        _ = try await exitCode(limit: .seconds(10))
        return process.terminationReason == .uncaughtSignal
    }

    /// The exit status once the child has exited; nil if it is still running after `limit`.
    func exitCode(limit: Duration) async throws -> Int32? {
        try await wait(until: { _ in false }, limit: limit)
        return process.isRunning ? nil : process.terminationStatus
    }
}

struct ChildRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
