import Foundation
import Synchronization
import AssetPipeManifest
import AssetPipeEngine

/// Builds validated-looking manifests in code, for tests of what comes after validation.
struct ManifestBuilder {
    var providers: [String: ProviderConfig] = ["local": .local]
    var steps: [Step] = []
    var outputDirectory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-tests-\(UUID().uuidString)")

    /// A remote-looking provider entry that tests back with a scripted provider.
    mutating func provider(_ name: String, maxConcurrent: Int = 4, maxTasksInFlight: Int = ProviderConfig.defaultMaxTasksInFlight,
                           retry: RetryPolicy = .init(maxAttempts: 3), pollInterval: Double = 2) {
        providers[name] = ProviderConfig(name: name, api: .openai, baseURL: URL(string: "https://example.invalid/v1"),
                                         maxConcurrent: maxConcurrent, maxTasksInFlight: maxTasksInFlight, retry: retry,
                                         pollIntervalSeconds: pollInterval)
    }

    mutating func step(_ id: String, model: String = "fake:model-a", inputs: [String] = [], n: Int = 1,
                       fallbacks: [String] = [], outputs: [OutputSpec] = []) {
        let ref = ModelRef(parsing: model) ?? ModelRef(provider: "fake", model: model)
        steps.append(Step(id: id, model: ref, fallbacks: fallbacks.compactMap(ModelRef.init(parsing:)), prompt: "prompt for \(id)",
                          parameters: GenerationParameters.with(n: n), images: inputs.map { .step(id: $0, index: 0) },
                          outputs: outputs))
    }

    var manifest: Manifest {
        Manifest(fileURL: outputDirectory.deletingLastPathComponent().appendingPathComponent("pack.json"),
                 outputDirectory: outputDirectory, providers: providers, steps: steps)
    }
}

/// Records run events for assertions.
final class EventRecorder: RunObserver {
    private let state = Mutex<[RunEvent]>([])
    var events: [RunEvent] { state.withLock { $0 } }
    func record(_ event: RunEvent) { state.withLock { $0.append(event) } }

    var fallbacks: [(from: ModelRef, to: ModelRef)] {
        events.compactMap { if case let .fallingBack(_, from, to, _) = $0 { (from, to) } else { nil } }
    }
    var retries: [(attempt: Int, delay: Duration)] {
        events.compactMap { if case let .retrying(_, _, attempt, _, delay, _, _) = $0 { (attempt, delay) } else { nil } }
    }
}
