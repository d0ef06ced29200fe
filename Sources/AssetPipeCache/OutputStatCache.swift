import Foundation
import Glibc
import Synchronization
import AssetPipeBasics

/// Output file hashes that survive between runs, keyed by what `stat` says about the file.
///
/// A no-change re-run must confirm that every output still matches the lockfile, and reading and
/// hashing thousands of images would take longer than the whole rest of the run. Like git's
/// index, a file whose size, mtime, ctime and inode are unchanged is trusted to hold the bytes it
/// held when it was hashed. A file modified within `racyWindow` of being hashed is not
/// remembered, because a second write in the same timestamp tick would be invisible to `stat`.
///
/// Safe to share between tasks: the table is behind a `Mutex`, and files are read outside it.
public final class OutputStatCache: Sendable {
    public let stateFile: URL
    private let state: Mutex<State>

    /// How recent a modification must be for its hash not to be remembered.
    static let racyWindowNanoseconds: Int64 = 2_000_000_000

    struct Entry: Codable, Equatable {
        var size: Int64
        var mtime: Int64
        var ctime: Int64
        var inode: UInt64
        var sha256: String
    }

    private struct State {
        var entries: [String: Entry]
        var changed = false
        var filesRead = 0
    }

    private struct StateFile: Codable {
        var version: Int
        var files: [String: Entry]
    }

    private let storage: any FileStorage

    /// Loads the table from `stateFile`; a missing or unreadable one just means starting empty.
    public init(stateFile: URL, storage: any FileStorage = DiskStorage()) {
        self.stateFile = stateFile
        self.storage = storage
        let saved = (try? Data(contentsOf: stateFile)).flatMap { try? JSONDecoder().decode(StateFile.self, from: $0) }
        state = Mutex(State(entries: saved?.version == 1 ? saved?.files ?? [:] : [:]))
    }

    /// How many files were actually read (the rest were answered from the table).
    public var filesRead: Int { state.withLock { $0.filesRead } }

    /// The SHA-256 hex of the file at `url`, nil when there is no file there.
    public func hash(of url: URL) throws(CacheError) -> String? {
        let path = url.standardizedFileURL.path
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else { throw Self.failure(path, "cannot stat") }
            state.withLock { if $0.entries.removeValue(forKey: path) != nil { $0.changed = true } }
            return nil
        }
        let before = Self.fingerprint(info)
        if let known = state.withLock({ $0.entries[path] }), Self.matches(known, before) { return known.sha256 }

        let (hash, after) = try Self.read(path)
        state.withLock { state in
            state.filesRead += 1
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            if Self.matches(before, after), now - after.mtime > Self.racyWindowNanoseconds {
                state.entries[path] = Entry(size: after.size, mtime: after.mtime, ctime: after.ctime,
                                            inode: after.inode, sha256: hash)
                state.changed = true
            } else if state.entries.removeValue(forKey: path) != nil {
                state.changed = true
            }
        }
        return hash
    }

    /// Writes the table atomically, if anything changed since it was loaded or last saved.
    public func save() throws(CacheError) {
        let snapshot: [String: Entry]? = state.withLock { $0.changed ? $0.entries : nil }
        guard let snapshot else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(StateFile(version: 1, files: snapshot))
        } catch {
            throw CacheError("\(stateFile.path): cannot encode: \(error)")
        }
        try CacheFiles.write(data, to: stateFile, storage)
        state.withLock { $0.changed = false }
    }

    private static func fingerprint(_ info: stat) -> Entry {
        Entry(size: Int64(info.st_size),
              mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
              ctime: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
              inode: UInt64(info.st_ino), sha256: "")
    }

    private static func matches(_ a: Entry, _ b: Entry) -> Bool {
        a.size == b.size && a.mtime == b.mtime && a.ctime == b.ctime && a.inode == b.inode
    }

    /// Streams the file through SHA-256 and returns the hash with the file's `fstat` after
    /// reading, so a file changed while it was read is hashed but not remembered.
    private static func read(_ path: String) throws(CacheError) -> (String, Entry) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, "cannot open") }
        defer { close(descriptor) }
        var hasher = SHA256()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, chunk)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "cannot read")
            }
            hasher.update(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path, "cannot stat") }
        return (hasher.finalize().hexString, fingerprint(info))
    }

    private static func failure(_ path: String, _ action: String) -> CacheError {
        CacheError("\(path): \(action): \(String(cString: strerror(errno)))")
    }
}
