import Foundation
import Glibc
import ProviderEmulator
import AssetPipeImaging

/// The runner's memory, alone: the `assetpipe` executable runs as a child process against an
/// emulator in this one, and its resident set is sampled while it works. Two figures: the peak
/// for 1,000 images of 1024² with 16 in flight, and a soak of 2,000 steps with faults mixed in,
/// whose resident set at the end should not be more than 10 % above what it was after 200 steps.
/// `BENCH_MEMORY_STEPS=N` runs only the first, with N steps: a quick check while tuning.
enum MemoryBenchmark {
    static let inFlight = 16

    static func run() async throws {
        let image = try ImageCodec.encode(SyntheticArt.image(size: 1024, alpha: false), .png(compressionLevel: 6))
        print("## Runner memory (the assetpipe executable alone; the emulator is this process), 1024² PNG answers, "
            + "\(inFlight) in flight, JPEG outputs")
        print("| run | steps | wall | peak RSS | RSS after 200 answers | RSS at the end | growth after 200 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        let scale = ProcessInfo.processInfo.environment["BENCH_MEMORY_STEPS"].flatMap { Int($0) }
        try measure("clean", steps: scale ?? 1_000, image: image, faults: false)
        if scale == nil { try measure("soak, faults mixed in", steps: 2_000, image: image, faults: true) }
        print("")
    }

    private static func measure(_ name: String, steps: Int, image: Data, faults: Bool) throws {
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "bench", secret: BenchPack.secret)], imageFactory: { _ in (image, "image/png") }))
        try emulator.start()
        defer { emulator.stop() }
        if faults { injectFaults(into: emulator, steps: steps) }
        let pack = try BenchPack(baseURL: emulator.openAIBaseURL, steps: steps, maxConcurrent: inFlight, outputFormat: "jpg")
        defer { pack.remove() }
        let started = ContinuousClock.now
        let sampled = try runChild(pack, answered: {
            emulator.requests { $0.path == "/v1/images/generations" && $0.status == 200 }.count
        })
        let wall = ContinuousClock.now - started
        let growth = sampled.atEnd.flatMap { end in sampled.after200.map { (end / $0 - 1) * 100 } }
        let mib = { (value: Double?) in value.map { String(format: "%.0f MiB", $0) } ?? "-" }
        print("| \(name) | \(steps) | \(String(format: "%.1f s", wall.milliseconds / 1000)) | \(mib(sampled.peak)) | "
            + "\(mib(sampled.after200)) | \(mib(sampled.atEnd)) | \(growth.map { String(format: "%+.1f %%", $0) } ?? "-") |"
            + (sampled.status == 0 ? "" : " (exit \(sampled.status))"))
    }

    /// One fault of each kind every 25 steps or so: errors retried, a reset, a garbled body, a
    /// payload that is not an image.
    private static func injectFaults(into emulator: ProviderEmulator, steps: Int) {
        let rounds = steps / 100
        emulator.inject(.status(503), times: rounds)
        emulator.inject(.status(429, retryAfter: "0"), times: rounds)
        emulator.inject(.connectionReset, times: rounds)
        emulator.inject(.malformedJSON, times: rounds)
        emulator.inject(.nonImageBytes, times: rounds)
    }

    private struct Samples {
        var peak: Double?
        var after200: Double?
        var atEnd: Double?
        var status: Int32
    }

    /// Runs the pack with the `assetpipe` beside this executable, sampling its RSS every 20 ms.
    private static func runChild(_ pack: BenchPack, answered: () -> Int) throws -> Samples {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assetpipe")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", pack.manifestURL.path, "--jobs", "\(inFlight)", "--no-progress", "--quiet"]
        process.environment = ProcessInfo.processInfo.environment.merging(BenchPack.environment) { _, bench in bench }
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var samples = Samples(status: 0)
        while process.isRunning {
            if let rss = residentMiB(of: process.processIdentifier) {
                samples.atEnd = rss
                if samples.after200 == nil, answered() >= 200 { samples.after200 = rss }
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        samples.status = process.terminationStatus
        var usage = rusage()
        if getrusage(RUSAGE_CHILDREN.rawValue, &usage) == 0 { samples.peak = Double(usage.ru_maxrss) / 1024 }
        return samples
    }

    private static func residentMiB(of pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kilobytes / 1024
    }
}
