import Foundation
import Glibc
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// The `assetpipe` executable run as a child process, optionally SIGKILLed at a chosen moment.
///
/// The child is started, watched and killed from a thread of its own: on a cooperative pool kept
/// busy by other tests, a task polling for the kill point could get its turn only after the child
/// had finished, and a kill point is only meaningful if it is hit promptly.
enum ChildRun {
    struct Outcome: Sendable {
        /// What the child wrote to stderr: its progress lines and summary.
        var lines: [String]
        /// Ended by SIGKILL (false when it finished on its own first).
        var killed: Bool
        var status: Int32

        var progress: ProgressLines { ProgressLines(lines) }
    }

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

    /// Runs `executable` with `arguments` (stderr logged in `folder`). With `killWhen`, the child
    /// gets SIGKILL `pause` after its progress first satisfies it. Either way it is killed once
    /// `limit` has passed, so a hung child fails the test instead of hanging it.
    /// `environment` is added to this process's.
    static func run(_ executable: URL, _ arguments: [String], logIn folder: URL, environment: [String: String] = [:],
                    killWhen: (@Sendable (ProgressLines) -> Bool)? = nil, pause: Duration = .zero,
                    limit: Duration = .seconds(60)) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try supervise(executable, arguments, logIn: folder, environment: environment, killWhen: killWhen, pause: pause,
                                  limit: limit)
                })
            }.start()
        }
    }

    private static func supervise(_ executable: URL, _ arguments: [String], logIn folder: URL, environment: [String: String],
                                  killWhen: ((ProgressLines) -> Bool)?, pause: Duration, limit: Duration) throws -> Outcome {
        let log = folder.appendingPathComponent("child-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw ChildRunError("cannot create \(log.path)") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "ASSETPIPE_CACHE_DIR" }
            .merging(environment, uniquingKeysWith: { _, given in given })
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()

        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now >= deadline || killWhen?(ProgressLines(lines(in: log))) == true {
                if ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: seconds(pause)) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return Outcome(lines: lines(in: log), killed: process.terminationReason == .uncaughtSignal, status: process.terminationStatus)
    }

    /// The complete lines of the log so far.
    private static func lines(in log: URL) -> [String] {
        guard let data = try? Data(contentsOf: log) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n") ?? text.startIndex)])
        return complete.split(separator: "\n").map(String.init)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

struct ChildRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
