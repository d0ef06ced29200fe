import Foundation
import Synchronization
import AssetPipeProviders
import AssetPipeCLI

/// Runs the `assetpipe` command in-process and captures what it prints.
struct CLIHarness {
    struct Result {
        var code: Int32
        var output: [String]
        var errors: [String]
        var errorText: String { errors.joined(separator: "\n") }
    }

    var environment: [String: String] = [:]
    var providerFactory: ProviderFactory = StandardProviders.make

    /// The repository's root folder, to reach `examples/` and `manifests/`.
    static let repositoryRoot = Repository.root

    func run(_ arguments: [String]) async -> Result {
        let lines = Mutex<[(Console.Stream, String)]>([])
        let console = Console { stream, line in lines.withLock { $0.append((stream, line)) } }
        let cli = AssetPipeCLI(console: console, environment: environment, providerFactory: providerFactory,
                               currentDirectory: CLIHarness.repositoryRoot)
        let code = await cli.main(arguments)
        let captured = lines.withLock { $0 }
        return Result(code: code, output: captured.filter { $0.0 == .output }.map(\.1),
                      errors: captured.filter { $0.0 == .error }.map(\.1))
    }

    /// A copy of `examples/NAME` in a fresh folder, so runs write their lockfile and cache there
    /// and never into the repository.
    static func copyOfExample(_ name: String) throws -> URL {
        let source = repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name)
        return try writeManifest(String(decoding: try Data(contentsOf: source), as: UTF8.self))
    }

    /// A fresh folder holding `manifest` as `pack.json`.
    static func writeManifest(_ manifest: String) throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("pack.json")
        try Data(manifest.utf8).write(to: file)
        return file
    }
}
