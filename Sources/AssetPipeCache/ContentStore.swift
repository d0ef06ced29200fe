import Foundation
import Glibc
import AssetPipeBasics

/// Immutable blobs (the images providers returned, exactly as received) filed under their SHA-256
/// at `objects/ab/cdef…`.
///
/// Naming a file by its content makes writes idempotent and lets every read be verified: a blob
/// that a crash, a full disk or a stray edit damaged no longer matches its name, is deleted and
/// reported as a miss, so a damaged image is regenerated instead of shipped. The two-level
/// fan-out keeps folders small for packs with many thousands of images.
public struct ContentStore: Sendable {
    /// The folder holding `objects/`.
    public let directory: URL
    let storage: any FileStorage

    public init(directory: URL, storage: any FileStorage = DiskStorage()) {
        self.directory = directory
        self.storage = storage
    }

    var objectsDirectory: URL { directory.appendingPathComponent("objects", isDirectory: true) }

    /// Where the blob for `hash` lives; nil for text that is not a SHA-256 hex digest.
    public func url(for hash: String) -> URL? {
        guard CacheFiles.isHash(hash) else { return nil }
        return objectsDirectory
            .appendingPathComponent(String(hash.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hash.dropFirst(2)))
    }

    /// Stores `data` and returns its hash. A blob already holding these bytes is left alone (no
    /// rewrite, no new mtime); a damaged one is replaced.
    @discardableResult
    public func put(_ data: Data) throws(CacheError) -> String {
        let hash = SHA256.hex(data)
        guard let url = url(for: hash) else { throw CacheError("cannot file a blob under '\(hash)'") }
        if CacheFiles.size(of: url) == data.count, (try? Data(contentsOf: url)) == data { return hash }
        try CacheFiles.write(data, to: url, storage)
        return hash
    }

    /// The blob's bytes after checking they still hash to `hash`; nil when it is absent or damaged
    /// (a damaged blob is deleted so the next `put` writes it afresh).
    public func get(_ hash: String) -> Data? {
        guard let url = url(for: hash), let data = try? Data(contentsOf: url) else { return nil }
        guard SHA256.hex(data) == hash else {
            unlink(url.path)
            return nil
        }
        return data
    }

    /// Whether the blob exists and still hashes to `hash`. Unlike `get`, it deletes nothing, so
    /// `plan` can ask it and stay read-only.
    public func isIntact(_ hash: String) -> Bool {
        guard let url = url(for: hash), let data = try? Data(contentsOf: url) else { return false }
        return SHA256.hex(data) == hash
    }

    /// Whether a blob file exists, without reading or verifying it: cheap enough for planning a
    /// thousand steps; `get` still verifies before anything is served.
    public func contains(_ hash: String) -> Bool {
        url(for: hash).flatMap(CacheFiles.size(of:)) != nil
    }

    /// The hashes of all stored blobs (by file name, unverified).
    public func allHashes() -> Set<String> {
        var hashes = Set<String>()
        for prefix in CacheFiles.names(in: objectsDirectory) where prefix.utf8.count == 2 {
            let folder = objectsDirectory.appendingPathComponent(prefix, isDirectory: true)
            for rest in CacheFiles.names(in: folder) where CacheFiles.isHash(prefix + rest) {
                hashes.insert(prefix + rest)
            }
        }
        return hashes
    }

    /// Deletes the blob; removing one that is not there is not an error.
    public func remove(_ hash: String) {
        guard let url = url(for: hash) else { return }
        unlink(url.path)
    }
}
