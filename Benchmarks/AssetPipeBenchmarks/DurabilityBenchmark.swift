import Foundation
import Synchronization
import ProviderEmulator
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeImaging
import AssetPipeProviders
import AssetPipeCache
import AssetPipeEngine

/// The loss window on kill: how long an answer whose last byte has arrived stays only in memory
/// before it is durable in the cache (`answers/`, fsynced). Measured for every answer of a run of
/// 1024² images with 16 in flight, from the moment the transport hands the answer over to the
/// moment its file is fsynced.
enum DurabilityBenchmark {
    static let answers = 160
    static let inFlight = 16

    static func run() async throws {
        let image = try ImageCodec.encode(SyntheticArt.image(size: 1024, alpha: false), .png(compressionLevel: 6))
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "bench", secret: BenchPack.secret)], imageFactory: { _ in (image, "image/png") }))
        try emulator.start()
        defer { emulator.stop() }
        let pack = try BenchPack(baseURL: emulator.openAIBaseURL, steps: answers, maxConcurrent: inFlight, outputFormat: "jpg")
        defer { pack.remove() }
        let timings = Samples()
        let runner = Runner(manifest: try pack.manifest(), options: RunOptions(jobs: inFlight), environment: BenchPack.environment,
                            providerFactory: { config, context in
                                var timed = context
                                timed.answers = context.answers.map { TimedRecorder(inner: $0, timings: timings) }
                                return try StandardProviders.make(config, timed)
                            },
                            caching: .standard(manifest: try pack.manifest(), cacheDirectory: pack.cacheFolder))
        let report = try await runner.run()
        let samples = timings.values.withLock { $0 }.sorted()
        func percentile(_ p: Double) -> String {
            guard !samples.isEmpty else { return "-" }
            let index = min(samples.count - 1, Int((Double(samples.count - 1) * p).rounded()))
            return String(format: "%.1f ms", samples[index].milliseconds)
        }
        print("## Loss window: answer's last byte → durable (fsynced), \(answers) answers of 1024² PNG "
            + "(\(image.count / 1024) KiB, \(image.count * 4 / 3 / 1024) KiB as base64), \(inFlight) in flight")
        print("| answers | median | p90 | p99 | max | run |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        print("| \(samples.count) | \(percentile(0.5)) | \(percentile(0.9)) | \(percentile(0.99)) | \(percentile(1)) | "
            + String(format: "%.1f s", report.wallTime.milliseconds / 1000) + (report.failed > 0 ? " (\(report.failed) failed)" : "") + " |")
        print("")
    }
}

/// Times the engine's recorder: `arrived` returns once the answer is durable.
private struct TimedRecorder: AnswerRecorder {
    var inner: any AnswerRecorder
    var timings: Samples

    func arrived(_ answer: RecordedAnswer, for request: GenerationRequest) async {
        let start = ContinuousClock.now
        await inner.arrived(answer, for: request)
        let elapsed = ContinuousClock.now - start
        timings.values.withLock { $0.append(elapsed) }
    }
}

private final class Samples: Sendable {
    let values = Mutex<[Duration]>([])
}
