import Foundation
import ProviderEmulator
import AssetPipeManifest
import AssetPipeImaging
import AssetPipeProviders
import AssetPipeEngine

/// The runner against the emulator over real loopback HTTP: a generated 1,000-step manifest
/// (independent steps plus edit chains five deep) on one OpenAI-compatible provider with 50 ms
/// latency, `max_concurrent` 16 and 6,000 requests per minute; steps have no outputs, so no
/// transcoding is measured. Targets: makespan ≤ 1.10 × the lower bound, ≤ 2 ms of runner CPU
/// per step, peak RSS < 300 MB.
enum SchedulerBenchmark {
    static let latency = Duration.milliseconds(50)
    static let maxConcurrent = 16
    static let requestsPerMinute = 6000
    static let independentSteps = 600
    static let chains = 80
    static let chainDepth = 5
    static let stepCount = independentSteps + chains * chainDepth
    static let imageSide = 1024

    private static let secret = "sk-bench-5e1f0c7a93d2"
    private static let keyVariable = "ASSETPIPE_BENCH_KEY"
    private static let model = "gpt-image-1"

    static func run() async throws {
        print("## Scheduler: \(stepCount) steps (\(independentSteps) independent + \(chains) chains of \(chainDepth)), "
            + "\(Int(latency.milliseconds)) ms latency, max_concurrent \(maxConcurrent), \(requestsPerMinute) rpm")
        let images = try pregeneratedImages()
        let averageBytes = images.reduce(0) { $0 + $1.count } / images.count
        print("images served: \(images.count) pre-encoded \(imageSide)x\(imageSide) PNGs, \(averageBytes / 1024) KiB on average")

        let emulator = makeEmulator(images)
        try emulator.start()
        defer { emulator.stop() }
        let runner = Runner(manifest: manifest(baseURL: emulator.openAIBaseURL), observer: SilentObserver(),
                            environment: [keyVariable: secret])
        let residentBefore = ProcessStats.residentMiB() ?? .nan
        ProcessStats.resetPeakResident()
        let cpuBefore = ProcessStats.processCPU()
        let report = try await runner.run()
        let cpu = ProcessStats.processCPU() - cpuBefore
        let peak = ProcessStats.peakResidentMiB() ?? .nan
        let log = emulator.requests
        emulator.stop()

        let replay = try replayOnEmulator(images, requests: log)
        let emulatorCPU = replay.processCPU - replay.clientCPU
        let runnerCPU = cpu - emulatorCPU

        let makespan = report.wallTime
        let chainBound = latency * chainDepth
        let throughputBound = latency * stepCount / maxConcurrent
        let rateBound = Duration.seconds(60) * stepCount / requestsPerMinute
        let bound = max(chainBound, throughputBound, rateBound)
        let ratio = makespan / bound
        let perStep = { (duration: Duration) in duration.milliseconds / Double(stepCount) }

        print("| figure | value | target |")
        print("| --- | ---: | --- |")
        print("| steps succeeded / requests sent | \(report.succeeded) / \(log.count) | \(stepCount) / \(stepCount) |")
        print("| makespan | \(seconds(makespan)) | |")
        print("| lower bound: longest chain × latency | \(seconds(chainBound)) | |")
        print("| lower bound: steps × latency ÷ max_concurrent | \(seconds(throughputBound)) | |")
        print("| lower bound: steps ÷ rpm | \(seconds(rateBound)) | |")
        print("| makespan ÷ lower bound | \(String(format: "%.3f", ratio))\(ratio > 1.10 ? " ✗" : "") | ≤ 1.10 |")
        print("| process CPU during the run (runner + emulator) | \(milliseconds(perStep(cpu))) ms/step | |")
        print("| emulator alone, same \(replay.requests) requests replayed | \(milliseconds(perStep(emulatorCPU))) ms/step | |")
        print("| runner CPU (difference) | \(milliseconds(perStep(runnerCPU))) ms/step\(perStep(runnerCPU) > 2 ? " ✗" : "") | ≤ 2 ms/step |")
        print("| peak RSS during the run (VmHWM, emulator included; \(String(format: "%.0f", residentBefore)) MiB before) | "
            + "\(String(format: "%.0f", peak)) MiB\(peak >= 300 ? " ✗" : "") | < 300 MB |")
        if replay.failures > 0 { print("warning: \(replay.failures) replayed requests did not get a 200") }
        print("")
    }

    /// A few distinct 1024x1024 PNGs, encoded once and served round-robin.
    private static func pregeneratedImages() throws -> [Data] {
        var images: [Data] = []
        for alpha in [false, true] {
            let art = SyntheticArt.image(size: imageSide, alpha: alpha)
            images.append(try ImageCodec.encode(art, .png(compressionLevel: 6)))
            let mirrored = RasterImage(width: art.width, height: art.height, hasAlpha: alpha, pixels: mirroredRows(art))
            images.append(try ImageCodec.encode(mirrored, .png(compressionLevel: 6)))
        }
        return images
    }

    private static func mirroredRows(_ image: RasterImage) -> [UInt8] {
        let rowBytes = image.width * image.channels
        return (0..<image.height).reversed().flatMap { row in image.pixels[row * rowBytes..<(row + 1) * rowBytes] }
    }

    private static func makeEmulator(_ images: [Data]) -> ProviderEmulator {
        ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "bench", secret: secret, maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute)],
            latency: latency,
            imageFactory: { spec in (images[spec.requestSequence % images.count], "image/png") }))
    }

    private static func manifest(baseURL: URL) -> Manifest {
        let provider = ProviderConfig(name: "bench", api: .openai, baseURL: baseURL, apiKeyEnv: keyVariable,
                                      maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute, timeoutSeconds: 60)
        let ref = ModelRef(provider: "bench", model: model)
        var steps = (0..<independentSteps).map { Step(id: "single-\($0)", model: ref, prompt: "asset \($0)") }
        for chain in 0..<chains {
            for depth in 0..<chainDepth {
                steps.append(Step(id: "chain-\(chain)-\(depth)", model: ref, prompt: "chain \(chain) stage \(depth)",
                                  images: depth == 0 ? [] : [.step(id: "chain-\(chain)-\(depth - 1)", index: 0)]))
            }
        }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-bench-\(UUID().uuidString)")
        return Manifest(fileURL: folder.appendingPathComponent("pack.json"), outputDirectory: folder,
                        providers: ["bench": provider], steps: steps)
    }

    /// The emulator's CPU for the run's load alone: the same requests (same endpoints, same
    /// upload sizes) sent again to a fresh emulator by a minimal blocking client whose own
    /// thread CPU is measured and set apart.
    private static func replayOnEmulator(_ images: [Data], requests log: [RecordedRequest])
        throws -> (processCPU: Duration, clientCPU: Duration, failures: Int, requests: Int) {
        let emulator = makeEmulator(images)
        try emulator.start()
        defer { emulator.stop() }
        let host = "127.0.0.1:\(emulator.port)"
        let requests = log.enumerated().map { index, recorded in
            let edit = recorded.path.hasSuffix("/edits")
            var body: Data
            var contentType: String
            if edit {
                var form = MultipartFormData()
                form.append(field: "model", value: model)
                form.append(field: "prompt", value: recorded.prompt ?? "")
                form.append(field: "n", value: "1")
                form.append(file: "image", filename: "image-0.png", contentType: "image/png", data: images[index % images.count])
                body = form.encoded
                contentType = form.contentType
            } else {
                body = Data(#"{"model":"\#(model)","prompt":"\#(recorded.prompt ?? "")","n":1}"#.utf8)
                contentType = "application/json"
            }
            let head = "POST \(recorded.path) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(secret)\r\n"
                + "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n"
            return EmulatorReplay.Request(head: head, body: body)
        }
        let result = EmulatorReplay(port: emulator.port, connections: maxConcurrent).run(requests)
        return (result.processCPU, result.clientCPU, result.failures, requests.count)
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f s", duration.milliseconds / 1000)
    }

    private static func milliseconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
