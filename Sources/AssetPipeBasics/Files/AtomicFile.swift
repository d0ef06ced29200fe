import Foundation
import Glibc

/// Replaces files so that readers (and a crash or power cut) only ever see the old or the new
/// content, never a half-written image: write a temporary next to the target, fsync it, rename it
/// over the target, fsync the folder.
public enum AtomicFile {
    /// Every temporary is named `.<filename>` + this marker + a random suffix, so a `clean` command
    /// can find the ones an interrupted run left behind (see `isTemporaryFile(named:)`).
    public static let temporaryFileMarker = ".assetpipe-tmp-"

    /// The moments of a write at which the system can refuse it, in the order they happen.
    package enum Stage: String, Sendable, CaseIterable {
        /// Creating the temporary.
        case create
        /// Writing its bytes: a disk that fills up mid-file leaves part of them written.
        case write
        /// fsync of the temporary.
        case sync
        /// Renaming it over the target.
        case rename
        /// fsync of the folder, once the target holds the new content.
        case syncFolder
    }

    /// Whether a file name is one of our temporaries, e.g. `.hero.png.assetpipe-tmp-1a2b3c4d`.
    public static func isTemporaryFile(named name: String) -> Bool {
        name.hasPrefix(".") && name.contains(temporaryFileMarker)
    }

    /// The temporary name used while writing `fileName`.
    static func temporaryName(for fileName: String) -> String {
        "." + fileName + temporaryFileMarker + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// Writes `data` to `url` atomically, creating parent folders. On failure the temporary is
    /// removed and whatever was at `url` before is left untouched.
    public static func write(_ data: Data, to url: URL) throws(FileError) {
        try write(data, to: url, failing: { _ in nil })
    }

    /// `failing` gives the `errno` a stage fails with instead of succeeding (nil lets it happen):
    /// how specs make a disk fill up or die at each moment of a write, through the same clean-up
    /// a real failure takes. A failing `write` stage first writes half of the data, as a full disk does.
    package static func write(_ data: Data, to url: URL, failing: (Stage) -> Int32?) throws(FileError) {
        let target = url.standardizedFileURL
        let folder = target.deletingLastPathComponent()
        try createFolder(folder)
        let temporary = folder.appendingPathComponent(temporaryName(for: target.lastPathComponent))
        do throws(FileError) {
            try writeDurably(data, to: temporary.path, naming: target.path, failing: failing)
            if let code = failing(.rename) { throw FileError.system(path: target.path, "cannot replace file", code: code) }
            try posix(rename(temporary.path, target.path), target.path, "cannot replace file")
        } catch {
            unlink(temporary.path)
            throw error
        }
        try syncFolder(folder.path, naming: target.path, failing: failing(.syncFolder))
    }

    /// Creates `folder` and the folders above it that are missing. With `mkdir` rather than
    /// FileManager, so that a failure names the folder and the errno like every other file error.
    public static func createFolder(_ folder: URL) throws(FileError) {
        let path = folder.standardizedFileURL.path
        if isFolder(path) { return }
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        if parent.path != path { try createFolder(parent) }
        guard mkdir(path, 0o755) != 0 else { return }
        let code = errno
        // EEXIST: another writer made it meanwhile, or a file stands in its way.
        if code == EEXIST, isFolder(path) { return }
        throw FileError.system(path: path, "cannot create folder", code: code == EEXIST ? ENOTDIR : code)
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Errors name `target`, the file the user knows, not the temporary that is removed anyway.
    private static func writeDurably(_ data: Data, to temporary: String, naming path: String,
                                     failing: (Stage) -> Int32?) throws(FileError) {
        if let code = failing(.create) { throw FileError.system(path: path, "cannot create file", code: code) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try posix(descriptor, path, "cannot create file")
        let writeFault = failing(.write)
        var failure = writeAll(writeFault == nil ? data : data.prefix(data.count / 2), to: descriptor, path: path)
        if failure == nil, let writeFault { failure = FileError.system(path: path, "cannot write", code: writeFault) }
        if failure == nil, let code = failing(.sync) { failure = FileError.system(path: path, "cannot sync", code: code) }
        if failure == nil, fsync(descriptor) != 0 { failure = error(path, "cannot sync") }
        if close(descriptor) != 0, failure == nil { failure = error(path, "cannot close") }
        if let failure { throw failure }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) -> FileError? {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if written < 0, errno != EINTR { return error(path, "cannot write") }
                if written > 0 { offset += written }
            }
            return nil
        }
    }

    /// Makes the rename itself durable. Errors name the file just renamed, whose new content may
    /// not survive a power cut.
    private static func syncFolder(_ folder: String, naming path: String, failing code: Int32?) throws(FileError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try posix(descriptor, path, "cannot open its folder")
        defer { close(descriptor) }
        if let code { throw FileError.system(path: path, "cannot sync its folder", code: code) }
        try posix(fsync(descriptor), path, "cannot sync its folder")
    }

    private static func posix(_ result: Int32, _ path: String, _ action: String) throws(FileError) {
        if result < 0 { throw error(path, action) }
    }

    private static func error(_ path: String, _ action: String) -> FileError {
        FileError.system(path: path, action, code: errno)
    }
}
