import Foundation
import Glibc
import Synchronization
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// Shared setup for the end-to-end tests: the real `Runner` with `StandardProviders` (real
/// URLSession transport, real codecs) against a `ProviderEmulator` on 127.0.0.1, in real time
/// with small latencies and backoffs.
///
/// Every step's prompt carries a marker `<id>` so that the emulator's log and fault rules can
/// single out one step whatever the endpoint (task polls carry their task's prompt too).
enum EndToEnd {
    /// Retries fast enough for tests: three attempts, 50–200 ms of jittered backoff.
    static let quickRetry = RetryPolicy(maxAttempts: 3, initialBackoffSeconds: 0.05, maxBackoffSeconds: 0.2)

    // MARK: Accounts

    /// The secret of the emulator account `label`: long and unique, so a leak is unmistakable.
    static func secret(_ label: String) -> String { "sk-e2e-\(label)-4f1d9a7c2b8e6035" }

    static func keyVariable(_ label: String) -> String { "E2E_\(label.uppercased())_API_KEY" }

    static func account(_ label: String, maxConcurrent: Int? = nil, requestsPerMinute: Int? = nil) -> EmulatorKey {
        EmulatorKey(label: label, secret: secret(label), maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute)
    }

    /// The environment a run reads its keys from: each account's secret under its variable.
    static func environment(_ labels: [String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: labels.map { (keyVariable($0), secret($0)) })
    }

    // MARK: Emulator

    /// A started emulator serving real PNGs; the caller stops it.
    static func emulator(accounts: [EmulatorKey], models: [String: ModelBehavior] = [:],
                         latency: Duration = .milliseconds(5), hangLimit: Duration = .seconds(5)) throws -> ProviderEmulator {
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: accounts, models: models, latency: latency, hangLimit: hangLimit, imageFactory: realImages))
        try emulator.start()
        return emulator
    }

    /// Real 32x32 PNGs on the library's own codecs, their colour derived from the prompt, the
    /// request and the position, so every image of a run differs and its bytes can be recomputed.
    static let realImages: ImageFactory = { spec in
        (imageBytes(prompt: spec.prompt, sequence: spec.requestSequence, index: spec.index), "image/png")
    }

    /// The PNG the emulator serves as image `index` of request `sequence` with `prompt`.
    static func imageBytes(prompt: String, sequence: Int, index: Int) -> Data {
        let digest = Array(SHA256.hex("\(prompt)|\(sequence)|\(index)").utf8)
        let colour = [digest[0], digest[1], digest[2]].map { $0 &* 37 }
        let side = 32
        var pixels: [UInt8] = []
        pixels.reserveCapacity(side * side * 3)
        for y in 0..<side {
            for x in 0..<side {
                // A diagonal split: two shades, so the image is not a flat fill.
                let shade: UInt8 = x > y ? 0 : 64
                pixels += colour.map { $0 ^ shade }
            }
        }
        // An encoding failure yields no bytes, which the client rejects as an unusable image:
        // the test then fails on that step instead of crashing the suite.
        return (try? ImageCodec.encode(RasterImage(width: side, height: side, hasAlpha: false, pixels: pixels),
                                       .png(compressionLevel: 1))) ?? Data()
    }

    // MARK: Manifests

    /// A provider entry pointed at `emulator` (or at `baseURL`) using account `label`'s key.
    static func provider(_ name: String, _ api: ProviderAPI, at emulator: ProviderEmulator, account label: String,
                         maxConcurrent: Int = 4, requestsPerMinute: Int? = nil, timeoutSeconds: Double = 15,
                         retry: RetryPolicy = quickRetry, editMode: ProviderConfig.EditMode = .multipart,
                         baseURL: URL? = nil) -> ProviderConfig {
        ProviderConfig(name: name, api: api,
                       baseURL: baseURL ?? (api == .opper ? emulator.opperBaseURL : emulator.openAIBaseURL),
                       apiKeyEnv: keyVariable(label), maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute,
                       timeoutSeconds: timeoutSeconds, retry: retry, pollIntervalSeconds: 0.05, editMode: editMode)
    }

    static func marker(_ stepID: String) -> String { "<\(stepID)>" }

    /// A step on `model` (`provider:model`) whose prompt carries its marker; `edits` are the
    /// upstream steps whose first image it takes as input, in order.
    static func step(_ id: String, _ model: String, edits: [String] = [], fallbacks: [String] = [],
                     parameters: GenerationParameters = .init(), outputs: [OutputSpec] = []) -> Step {
        Step(id: id, model: modelRef(model), fallbacks: fallbacks.map(modelRef), prompt: "an asset \(marker(id))",
             parameters: parameters, images: edits.map { .step(id: $0, index: 0) }, outputs: outputs)
    }

    private static func modelRef(_ text: String) -> ModelRef {
        ModelRef(parsing: text) ?? ModelRef(provider: "missing", model: text)
    }

    static func manifest(_ providers: [ProviderConfig], _ steps: [Step]) -> Manifest {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-e2e-\(UUID().uuidString)")
        return Manifest(fileURL: folder.appendingPathComponent("pack.json"), outputDirectory: folder.appendingPathComponent("out"),
                        providers: Dictionary(uniqueKeysWithValues: providers.map { ($0.name, $0) }), steps: steps)
    }

    static func run(_ manifest: Manifest, environment: [String: String],
                    observer: any RunObserver = SilentObserver()) async throws -> RunReport {
        try await Runner(manifest: manifest, clock: SystemClock(), observer: observer, environment: environment).run()
    }
}

extension ProviderEmulator {
    /// Every request made for step `id` (task polls included), in arrival order.
    func requests(forStep id: String) -> [RecordedRequest] {
        requests(promptContaining: EndToEnd.marker(id))
    }

    /// The one request made for step `id`, or nil when there were none or several.
    func onlyRequest(forStep id: String) -> RecordedRequest? {
        let found = requests(forStep: id)
        return found.count == 1 ? found[0] : nil
    }

    /// The bytes a client received as the first image of `request`'s answer.
    func firstImageBytes(of request: RecordedRequest) -> Data? {
        if let stored = request.issuedFileIDs.first { return storedFile(stored)?.data }
        guard request.imagesReturned > 0, let prompt = request.prompt else { return nil }
        return EndToEnd.imageBytes(prompt: prompt, sequence: request.sequence, index: 0)
    }
}

/// What a person would see of a run: every event as the progress printer prints it, plus each
/// event's full contents, so tests can check that nothing secret is ever shown.
enum PrintedRun {
    /// Serialises captures: the standard error descriptor is process-wide.
    private static let captureLock = Mutex(())

    /// The text `ProgressPrinter` writes for `events` (verbose, so every line it can print) and
    /// for the summary of `report`, followed by each event's description.
    ///
    /// `Console` writes straight to standard error and cannot be given another sink, so the
    /// printer's lines are captured by pointing descriptor 2 at a temporary file for the
    /// (synchronous, sub-millisecond) replay.
    static func text(of events: [RunEvent], report: RunReport) throws -> String {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-e2e-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let printed = try captureLock.withLock { _ in
            try captureStandardError(into: file) {
                let printer = ProgressPrinter(console: Console(), verbosity: .verbose, outputPrefix: "out/")
                events.forEach(printer.record)
                printer.summarize(report)
            }
        }
        return ([printed] + events.map { String(describing: $0) } + report.outcomes.map { String(describing: $0) })
            .joined(separator: "\n")
    }

    struct CaptureError: Error {
        var operation: String
    }

    private static func captureStandardError(into file: URL, _ body: () -> Void) throws -> String {
        let target = open(file.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard target >= 0 else { throw CaptureError(operation: "open") }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else {
            close(target)
            throw CaptureError(operation: "dup")
        }
        guard dup2(target, STDERR_FILENO) >= 0 else {
            close(target)
            close(saved)
            throw CaptureError(operation: "dup2")
        }
        body()
        dup2(saved, STDERR_FILENO)
        close(saved)
        close(target)
        return String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }
}
