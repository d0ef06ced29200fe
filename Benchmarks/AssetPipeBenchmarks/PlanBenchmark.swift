import Foundation
import AssetPipeManifest
import AssetPipeEngine
import AssetPipeCLI

/// How long `assetpipe plan` takes on a large pack: a generated 5,000-step manifest with edit
/// chains, n > 1 steps and several outputs per step, parsed, validated, ordered, checked against
/// the (empty) cache and lockfile, and printed.
enum PlanBenchmark {
    static let stepCount = 5_000

    static func run() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-plan-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pack.json")
        let text = manifestText()
        try Data(text.utf8).write(to: file)

        var lines = 0
        let milliseconds = try await Timing.medianMilliseconds(iterations: 9) {
            let manifest = try ManifestLoader(environment: [:]).loadCheckingCapabilities(contentsOf: file)
            let caching = RunCaching.standard(manifest: manifest, cacheDirectory: folder.appendingPathComponent("cache"))
            let planned = try await Runner(manifest: manifest, caching: caching).plan()
            lines = PlanPrinter.render(planned, manifest: manifest, outputPrefix: "out/").count
        }
        print("## Manifest parse + validate + plan (\(stepCount) steps, \(text.utf8.count / 1024) KiB, \(lines) plan lines)")
        print(String(format: "median %.1f ms (target < 500 ms)", milliseconds))
        print("")
    }

    /// Every fourth step starts a chain of four edits; every tenth generates three images.
    private static func manifestText() -> String {
        var steps: [String] = []
        for index in 0..<stepCount {
            let chained = index % 4 != 0
            let n = index % 10 == 0 ? 3 : 1
            var fields = [
                "\"id\": \"step-\(index)\"",
                "\"prompt\": \"asset number \(index), painterly, warm light\"",
                "\"size\": \"1024x1024\"",
            ]
            if chained { fields.append("\"image\": \"@step-\(index - 1)\"") }
            if n > 1 { fields.append("\"n\": \(n)") }
            let suffix = n > 1 ? "-{index}" : ""
            fields.append("""
            "outputs": [ { "path": "full/step-\(index)\(suffix).png", "compression": 6 },
                         { "path": "thumbs/step-\(index)\(suffix).webp", "quality": 80, "resize": "256x256" } ]
            """)
            steps.append("{ " + fields.joined(separator: ", ") + " }")
        }
        return """
        { "version": 1, "output_dir": "out", "defaults": { "model": "local:studio", "quality": "medium" },
          "steps": [
        \(steps.joined(separator: ",\n"))
          ] }
        """
    }
}
