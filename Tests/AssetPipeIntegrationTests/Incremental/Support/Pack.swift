import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A pack in its own temporary folder (deleted afterwards): `pack.json`, its `out/` folder, its
/// lockfile and its default cache, driven through the `assetpipe` command in-process.
final class Pack: Sendable {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-incremental-\(UUID().uuidString)")
    let counter: RequestCounter

    var manifestURL: URL { folder.appendingPathComponent("pack.json") }
    var outputFolder: URL { folder.appendingPathComponent("out") }
    var lockfileURL: URL { folder.appendingPathComponent("pack.lock.json") }
    var cacheFolder: URL { folder.appendingPathComponent(".assetpipe/cache") }

    init(_ manifest: PackManifest, counter: RequestCounter = RequestCounter()) throws {
        self.counter = counter
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(manifest)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ manifest: PackManifest) throws {
        try Data(manifest.json.utf8).write(to: manifestURL)
    }

    /// `assetpipe COMMAND pack.json OPTIONS…`, with the requests it sent.
    func command(_ command: String, _ options: [String] = []) async -> CommandResult {
        let result = await CLIHarness(providerFactory: counter.factory).run([command, manifestURL.path] + options)
        return CommandResult(code: result.code, output: result.output, errors: result.errors, requests: counter.take())
    }

    /// `run --verbose`, so steps served from the cache are listed too.
    func run(_ options: [String] = []) async -> CommandResult {
        await command("run", ["--verbose"] + options)
    }

    func lockfile() throws -> Lockfile? {
        try Lockfile.load(from: lockfileURL)
    }

    /// The step's lockfile entry.
    func locked(_ stepID: String) throws -> LockedStep? {
        try lockfile()?.steps[stepID]
    }

    /// Where the cache keeps the blob of the step's first image.
    func blob(of stepID: String) throws -> URL? {
        guard let hash = try locked(stepID)?.images.first?.sha256 else { return nil }
        return ContentStore(directory: cacheFolder).url(for: hash)
    }

    /// The output folder's files (temporaries included) by relative path.
    func outputFiles() throws -> [String: FileState] {
        try FileState.files(under: outputFolder)
    }
}

/// What one command printed and cost.
struct CommandResult {
    var code: Int32
    var output: [String]
    var errors: [String]
    /// Step ids of the provider requests it sent, sorted.
    var requests: [String]

    var errorText: String { errors.joined(separator: "\n") }
    var progress: ProgressLines { ProgressLines(errors) }
    /// `plan`'s verdict per step id.
    var planLabels: [String: String] { ProgressLines.planLabels(output) }
    /// The run's closing summary line.
    var summary: String { errors.last ?? "" }
}
