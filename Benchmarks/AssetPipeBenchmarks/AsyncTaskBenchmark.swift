import Foundation
import ProviderEmulator
import AssetPipeManifest
import AssetPipeImaging
import AssetPipeEngine

/// Async-task throughput: 40 tasks that each render for 20 s on an async-task platform, with
/// `max_concurrent` 4 and 600 requests per minute. Waiting tasks hold no request slot, so they
/// render side by side: the run takes about one render time per wave of `max_tasks_in_flight`
/// tasks, not ten. The lower bound is the waves' render time plus the submissions' share of the
/// rate limit; polls share the rate limit too. Run at the default `max_tasks_in_flight` (32:
/// two waves for 40 tasks) and with room for all 40.
enum AsyncTaskBenchmark {
    static let tasks = 40
    static let renderTime = Duration.seconds(20)
    static let maxConcurrent = 4
    static let requestsPerMinute = 600
    static let pollInterval = 2.0

    private static let secret = "sk-bench-async-3c9e"
    private static let keyVariable = "ASSETPIPE_BENCH_KEY"
    private static let model = "seedream-async"

    static func run() async throws {
        print("## Async tasks: \(tasks) tasks of \(Int(renderTime.milliseconds / 1000)) s, max_concurrent \(maxConcurrent), "
            + "\(requestsPerMinute) rpm, poll_interval_s \(pollInterval)")
        print("| max_tasks_in_flight | makespan | lower bound | makespan ÷ bound | submissions / polls | most requests in flight |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for limit in [ProviderConfig.defaultMaxTasksInFlight, tasks] { try await measure(maxTasksInFlight: limit) }
        print("")
    }

    private static func measure(maxTasksInFlight: Int) async throws {
        let image = try ImageCodec.encode(SyntheticArt.image(size: 256, alpha: false), .png(compressionLevel: 1))
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "bench", secret: secret, maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute)],
            models: [model: ModelBehavior(mode: .asynchronous(TaskBehavior(completion: .afterRendering(renderTime))))],
            imageFactory: { _ in (image, "image/png") }))
        try emulator.start()
        defer { emulator.stop() }
        let report = try await Runner(manifest: manifest(baseURL: emulator.openAIBaseURL, maxTasksInFlight: maxTasksInFlight),
                                      observer: SilentObserver(), environment: [keyVariable: secret]).run()
        let log = emulator.requests
        let polls = log.filter { $0.method == "GET" }.count
        let waves = (tasks + maxTasksInFlight - 1) / maxTasksInFlight
        let bound = renderTime * waves + Duration.seconds(60) * tasks / requestsPerMinute
        let seconds = { (duration: Duration) in String(format: "%.2f s", duration.milliseconds / 1000) }
        print("| \(maxTasksInFlight) | \(seconds(report.wallTime)) | \(seconds(bound)) (\(waves) × 20 s + submissions) | "
            + "\(String(format: "%.3f", report.wallTime / bound)) | \(log.count - polls) / \(polls) | "
            + "\(emulator.maxConcurrency(forKey: "bench")) of \(maxConcurrent) |"
            + (report.succeeded == tasks ? "" : " (\(tasks - report.succeeded) failed)"))
    }

    private static func manifest(baseURL: URL, maxTasksInFlight: Int) -> Manifest {
        let provider = ProviderConfig(name: "platform", api: .openai, baseURL: baseURL, apiKeyEnv: keyVariable,
                                      maxConcurrent: maxConcurrent, maxTasksInFlight: maxTasksInFlight,
                                      requestsPerMinute: requestsPerMinute, timeoutSeconds: 60, pollIntervalSeconds: pollInterval)
        let ref = ModelRef(provider: "platform", model: model)
        let steps = (0..<tasks).map { Step(id: "task-\($0)", model: ref, prompt: "asset \($0)") }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-bench-\(UUID().uuidString)")
        return Manifest(fileURL: folder.appendingPathComponent("pack.json"), outputDirectory: folder,
                        providers: ["platform": provider], steps: steps)
    }
}
