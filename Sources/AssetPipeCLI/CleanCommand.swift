import Foundation
import AssetPipeBasics
import AssetPipeCache
import AssetPipeEngine

/// `assetpipe clean`: removes cache entries neither the lockfile nor the current manifest
/// refers to, and temporary files a killed run left beside outputs or in the cache.
struct CleanCommand {
    var console: Console
    var outputPrefix: String

    /// Walks and removes files on the blocking-work executor.
    func run(runner: Runner, caching: RunCaching, dryRun: Bool) async throws -> Int32 {
        // The manifest's own keys are kept too: an interrupted run's results are not in the
        // lockfile yet, and deleting them would make the next run pay again.
        let planned = Set(try await runner.plan().compactMap(\.key))
        let (keep, report, strays) = try await runner.blocking.run { [self] in
            let lockKeys = (try Lockfile.load(from: caching.lockfileURL))?.steps.values.map(\.key) ?? []
            let keep = Set(lockKeys).union(planned)
            let report = try caching.cache.clean(keepingKeys: keep, dryRun: dryRun)
            let strays = try strayTemporaries(in: runner.manifest.outputDirectory)
            if !dryRun { try strays.forEach { try FileManager.default.removeItem(at: $0.url) } }
            return (keep, report, strays)
        }
        let verb = dryRun ? "would remove" : "removed"
        for entry in report.entries { console.output("\(verb) \(entry.kind.rawValue) \(entry.path) (\(entry.bytes) bytes)") }
        for stray in strays { console.output("\(verb) temporary \(outputPrefix)\(stray.relative) (\(stray.bytes) bytes)") }
        let bytes = report.totalBytes + strays.reduce(0) { $0 + $1.bytes }
        console.error("\(verb) \(report.entries.count + strays.count) files, \(bytes) bytes; kept \(keep.count) cache entries")
        return AssetPipeCLI.ExitCode.success
    }

    /// `.NAME.assetpipe-tmp-…` files under the output folder: writes a kill interrupted.
    private func strayTemporaries(in folder: URL) throws -> [(url: URL, relative: String, bytes: Int)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else { return [] }
        let root = folder.standardizedFileURL.path
        var found: [(URL, String, Int)] = []
        for case let url as URL in walker where AtomicFile.isTemporaryFile(named: url.lastPathComponent) {
            let bytes = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            found.append((url, String(url.standardizedFileURL.path.dropFirst(root.count + 1)), bytes))
        }
        return found.sorted { $0.1 < $1.1 }
    }
}
