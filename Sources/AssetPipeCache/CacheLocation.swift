import Foundation

/// Where a manifest's cache lives. Beside the manifest by default, so two packs never share
/// state by accident; overridable so CI can point every run at a directory it persists.
public enum CacheLocation {
    public static let environmentVariable = "ASSETPIPE_CACHE_DIR"

    /// `--cache-dir` (`override`) first, then `ASSETPIPE_CACHE_DIR`, then `.assetpipe/cache` in
    /// the manifest's folder. Relative overrides are relative to the current directory, like any
    /// path typed on a command line; empty ones are ignored.
    public static func directory(manifest: URL, override: String?, environment: [String: String]) -> URL {
        if let path = [override, environment[environmentVariable]].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        }
        return manifest.deletingLastPathComponent()
            .appendingPathComponent(".assetpipe", isDirectory: true)
            .appendingPathComponent("cache", isDirectory: true)
    }
}
