import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeReporting
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A pack for batch runs against the emulator, written as a manifest file: `generations`
/// independent steps and `chains` edit chains (`cK-0` → `cK-1` → `cK-2`), every step on
/// `openai:gpt-image-1` at a price, each prompt carrying its step's marker.
final class BatchPack: Sendable {
    static let account = "nightly"
    static let model = "openai:gpt-image-1"
    /// USD per image, synchronously.
    static let price = 0.04

    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-batch-\(UUID().uuidString)")
    let stepIDs: [String]
    var manifestURL: URL { folder.appendingPathComponent("pack.json") }
    var lockfileURL: URL { folder.appendingPathComponent("pack.lock.json") }
    var cacheFolder: URL { folder.appendingPathComponent(".assetpipe/cache") }
    var reportURL: URL { folder.appendingPathComponent("report.json") }

    init(emulator: ProviderEmulator, generations: Int, chains: Int = 0, chainDepth: Int = 3, pollInterval: Double = 0.02,
         retry: RetryPolicy = EndToEnd.quickRetry, providerExtras: String = "") throws {
        var steps: [(id: String, image: String?)] = (0..<generations).map { ("g\($0)", nil) }
        for chain in 0..<chains {
            for link in 0..<chainDepth { steps.append(("c\(chain)-\(link)", link == 0 ? nil : "@c\(chain)-\(link - 1)")) }
        }
        stepIDs = steps.map(\.id)
        let stepsJSON = steps.map { step in
            let image = step.image.map { #", "image": "\#($0)""# } ?? ""
            return #"    { "id": "\#(step.id)", "prompt": "asset \#(EndToEnd.marker(step.id))"\#(image), "outputs": [{ "path": "\#(step.id).png" }] }"#
        }
        let manifest = """
        {
          "version": 1,
          "output_dir": "out",
          "providers": {
            "openai": { "api": "openai", "base_url": "\(emulator.openAIBaseURL.absoluteString)", "api_key_env": "\(EndToEnd.keyVariable(Self.account))",
                        "poll_interval_s": \(pollInterval), "timeout_s": 10,
                        "retry": { "max_attempts": \(retry.maxAttempts), "initial_backoff_s": \(retry.initialBackoffSeconds), "max_backoff_s": \(retry.maxBackoffSeconds) }\(providerExtras) }
          },
          "prices": { "\(Self.model)": { "high": \(Self.price) } },
          "defaults": { "model": "\(Self.model)", "quality": "high" },
          "steps": [
        \(stepsJSON.joined(separator: ",\n"))
          ]
        }

        """
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: manifestURL)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    static var environment: [String: String] { EndToEnd.environment([account]) }

    /// `assetpipe COMMAND pack.json OPTIONS…` in this process, writing the report.
    func command(_ command: String, _ options: [String] = []) async -> CLIHarness.Result {
        let report = command == "run" ? ["--report", reportURL.path] : []
        return await CLIHarness(environment: Self.environment).run([command, manifestURL.path] + options + report)
    }

    func lockfile() throws -> Lockfile? {
        try Lockfile.load(from: lockfileURL)
    }

    /// Each step's key and first image hash, as the lockfile records them.
    func lockedImages() throws -> [String: LockedImage] {
        (try lockfile()?.steps ?? [:]).mapValues { LockedImage(key: $0.key, sha256: $0.images.first?.sha256) }
    }

    func report() throws -> ReportDocument {
        try ReportDocument.read(from: reportURL, displayPath: "report.json")
    }

    /// The batches the cache holds records of (submitted or on their way), oldest first.
    func openBatches() -> [AssetPipeCache.BatchRecord] {
        GenerationCache(directory: cacheFolder).openBatches()
    }

    /// Step ids whose images are in the cache under the keys of `reference`.
    func stored(keys reference: [String: LockedImage]) -> Set<String> {
        let cache = GenerationCache(directory: cacheFolder)
        return Set(reference.filter { cache.record(for: $0.value.key) != nil }.keys)
    }
}

struct LockedImage: Equatable, Sendable {
    var key: String
    var sha256: String?
}

extension ProviderEmulator {
    /// Generations the emulator rendered (synchronous answers and batch lines), by step: a step
    /// that appears twice was paid for twice.
    /// `since`: how many requests had been logged before the run to count.
    func paidGenerations(ofSteps ids: [String], since: Int = 0) -> [String: Int] {
        var paid: [String: Int] = [:]
        for request in requests.dropFirst(since) where request.isPaidGeneration {
            guard let prompt = request.prompt, let id = ids.first(where: { prompt.contains(EndToEnd.marker($0)) }) else { continue }
            paid[id, default: 0] += 1
        }
        return paid
    }

    /// `POST /v1/batches` requests the emulator answered with a batch.
    var batchesCreated: Int { batchesCreated(since: 0) }

    func batchesCreated(since: Int) -> Int {
        requests.dropFirst(since).count { $0.method == "POST" && $0.path == "/v1/batches" && $0.status == 200 }
    }
}

extension EndToEnd {
    /// PNGs whose colour depends only on the prompt and the position: the same request gives
    /// the same image synchronously and in a batch, in any order, so a batch run and a
    /// synchronous run of one manifest end with the same lockfile.
    static let contentImages: ImageFactory = { spec in
        (imageBytes(prompt: spec.prompt, sequence: 0, index: spec.index), "image/png")
    }

    static func batchEmulator(_ batches: BatchBehavior = BatchBehavior()) throws -> ProviderEmulator {
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [account(BatchPack.account)], latency: .milliseconds(2), hangLimit: .seconds(5), imageFactory: contentImages,
            batches: batches))
        try emulator.start()
        return emulator
    }
}
