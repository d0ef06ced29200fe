import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeCache

/// How a run reuses earlier work: the content-addressed cache, the lockfile beside the
/// manifest, and what `--force` asks to regenerate anyway.
public struct RunCaching: Sendable {
    public enum Force: Sendable, Equatable {
        case none
        /// `--force`: every selected step.
        case all
        /// `--force ID[,ID]`: these steps and every step downstream of them.
        case steps(Set<String>)
    }

    public var cache: GenerationCache
    public var lockfileURL: URL
    public var outputStats: OutputStatCache
    public var force: Force
    /// When a generation happened, as recorded in the lockfile (injected for repeatable tests).
    public var timestamp: @Sendable () -> String

    public init(cache: GenerationCache, lockfileURL: URL, outputStats: OutputStatCache, force: Force = .none,
                timestamp: @escaping @Sendable () -> String = RunCaching.now) {
        self.cache = cache
        self.lockfileURL = lockfileURL
        self.outputStats = outputStats
        self.force = force
        self.timestamp = timestamp
    }

    /// The cache in `cacheDirectory` and the lockfile beside the manifest; the stat cache that
    /// makes re-hashing outputs cheap lives in the cache folder, since it describes this machine.
    /// Every cache, lockfile and hash-state write goes through `storage`.
    public static func standard(manifest: Manifest, cacheDirectory: URL, force: Force = .none,
                                storage: any FileStorage = DiskStorage()) -> RunCaching {
        RunCaching(cache: GenerationCache(directory: cacheDirectory, storage: storage),
                   lockfileURL: Lockfile.url(forManifest: manifest.fileURL),
                   outputStats: OutputStatCache(stateFile: cacheDirectory.appendingPathComponent("output-hashes.json"), storage: storage),
                   force: force)
    }

    /// ISO-8601 UTC, seconds precision.
    @Sendable public static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// The ids `--force` names among `steps`, with everything downstream of them.
    func forcedIDs(in steps: [Step], graph: StepGraph) -> Set<String> {
        switch force {
        case .none: return []
        case .all: return Set(steps.map(\.id))
        case let .steps(ids): return ids.reduce(into: ids) { $0.formUnion(graph.downstream(of: $1)) }
        }
    }
}
