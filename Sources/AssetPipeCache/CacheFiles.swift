import Foundation
import Glibc
import AssetPipeBasics

/// File primitives shared by the cache, the lockfile and the hash state.
enum CacheFiles {
    /// Writes through `storage` (on disk: temporary, fsync, rename, fsync folder), so a kill at
    /// any moment leaves the old file or the new one, never a torn one.
    static func write(_ data: Data, to url: URL, _ storage: any FileStorage) throws(CacheError) {
        do {
            try storage.write(data, to: url)
        } catch {
            throw CacheError(error.description)
        }
    }

    /// The file's size in bytes, nil when there is no regular file at `url`.
    static func size(of url: URL) -> Int? {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The entries of a folder by name; empty when it does not exist.
    static func names(in folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    /// Whether `text` is a lowercase SHA-256 hex digest. Hashes become file names, so anything
    /// else (`../x`, uppercase twins) is refused rather than used as a path.
    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
