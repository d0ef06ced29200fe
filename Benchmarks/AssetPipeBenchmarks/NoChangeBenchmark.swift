import Foundation
import AssetPipeManifest
import AssetPipeEngine

/// A no-change re-run of a 1,000-step pack whose results are all cached: it must make zero
/// requests and finish in under a second, hashing every output to prove it is intact. Measured
/// twice: with a cold output stat cache (every output file read and hashed, as on a fresh
/// checkout) and a warm one (unchanged files recognised by size, mtime, inode and ctime).
enum NoChangeBenchmark {
    static let stepCount = 1_000

    static func run() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assetpipe-nochange-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pack.json")
        try Data(manifestText().utf8).write(to: file)
        let manifest = try ManifestLoader(environment: [:]).load(contentsOf: file)
        let cacheDirectory = folder.appendingPathComponent("cache")

        func rerun() async throws -> (milliseconds: Double, report: RunReport) {
            let runner = Runner(manifest: manifest, caching: RunCaching.standard(manifest: manifest, cacheDirectory: cacheDirectory))
            let start = DispatchTime.now().uptimeNanoseconds
            let report = try await runner.run()
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000, report)
        }

        let first = try await rerun()
        let outputBytes = try totalBytes(of: manifest.outputDirectory)
        // Files written less than two seconds ago are not trusted by their stat data.
        try await Task.sleep(for: .seconds(2.1))
        try? FileManager.default.removeItem(at: cacheDirectory.appendingPathComponent("output-hashes.json"))
        let cold = try await rerun()
        let warm = try await rerun()
        print("## No-change re-run (\(stepCount) steps, \(stepCount) outputs, \(outputBytes / 1_048_576) MiB of outputs)")
        print(String(format: "first run (generates everything): %.0f ms, %d requests", first.milliseconds, first.report.requests))
        print(String(format: "re-run, cold output stat cache (hashes every output): %.0f ms, %d requests, %d files written",
                     cold.milliseconds, cold.report.requests, cold.report.filesWritten))
        print(String(format: "re-run, warm output stat cache: %.0f ms, %d requests, %d files written (target < 1000 ms, 0 requests)",
                     warm.milliseconds, warm.report.requests, warm.report.filesWritten))
        print("")
    }

    /// 1,000 `local` steps, a third of them edits of the step before, one 512x512 PNG each.
    private static func manifestText() -> String {
        let steps = (0..<stepCount).map { index in
            let edit = index % 3 == 2 ? ", \"image\": \"@s\(index - 1)\"" : ""
            return "{ \"id\": \"s\(index)\", \"prompt\": \"asset \(index)\"\(edit), \"outputs\": [ { \"path\": \"img/s\(index).png\" } ] }"
        }
        return """
        { "version": 1, "defaults": { "model": "local:studio", "size": "512x512" },
          "steps": [ \(steps.joined(separator: ",\n")) ] }
        """
    }

    private static func totalBytes(of folder: URL) throws -> Int {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
        var total = 0
        while let url = walker?.nextObject() as? URL {
            total += (try url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }
}
