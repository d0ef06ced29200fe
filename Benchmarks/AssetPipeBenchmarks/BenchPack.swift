import Foundation
import AssetPipeManifest
import AssetPipeEngine

/// A manifest file of `steps` independent generations on an OpenAI-compatible endpoint, each
/// written to one output, in a fresh folder: what the memory and durability sections run, in
/// this process or as the `assetpipe` executable.
struct BenchPack {
    static let secret = "sk-bench-memory-7d21"
    static let keyVariable = "ASSETPIPE_BENCH_KEY"
    static var environment: [String: String] { [keyVariable: secret] }

    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-bench-\(UUID().uuidString)")
    var manifestURL: URL { folder.appendingPathComponent("pack.json") }
    var cacheFolder: URL { folder.appendingPathComponent(".assetpipe/cache") }

    init(baseURL: URL, steps: Int, maxConcurrent: Int, outputFormat: String, retries: Int = 4) throws {
        let stepsJSON = (0..<steps).map { #"{ "id": "s\#($0)", "prompt": "asset \#($0)", "outputs": [{ "path": "s\#($0).\#(outputFormat)" }] }"# }
        let manifest = """
        { "version": 1, "output_dir": "out",
          "providers": { "bench": { "api": "openai", "base_url": "\(baseURL.absoluteString)", "api_key_env": "\(Self.keyVariable)",
                                    "max_concurrent": \(maxConcurrent), "timeout_s": 120,
                                    "retry": { "max_attempts": \(retries), "initial_backoff_s": 0.05, "max_backoff_s": 0.2 } } },
          "defaults": { "model": "bench:gpt-image-1" },
          "steps": [ \(stepsJSON.joined(separator: ",\n    ")) ] }
        """
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: manifestURL)
    }

    func manifest() throws -> Manifest {
        try ManifestLoader(environment: Self.environment).load(contentsOf: manifestURL)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
