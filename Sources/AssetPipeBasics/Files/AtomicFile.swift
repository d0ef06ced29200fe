import Foundation
import Glibc

/// Replaces files so that readers (and a crash or power cut) only ever see the old or the new
/// content, never a half-written image: write a temporary next to the target, fsync it, rename it
/// over the target, fsync the folder.
public enum AtomicFile {
    /// Every temporary is named `.<filename>` + this marker + a random suffix, so a `clean` command
    /// can find the ones an interrupted run left behind (see `isTemporaryFile(named:)`).
    public static let temporaryFileMarker = ".assetpipe-tmp-"

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
        try write(data, to: url, beforeRename: {})
    }

    /// `beforeRename` runs once the temporary is durable; tests use it to fail at the last moment.
    static func write(_ data: Data, to url: URL, beforeRename: () throws(FileError) -> Void) throws(FileError) {
        let target = url.standardizedFileURL
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: folder.path, "cannot create folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(temporaryName(for: target.lastPathComponent))
        do throws(FileError) {
            try writeDurably(data, to: temporary.path)
            try beforeRename()
            try posix(rename(temporary.path, target.path), target.path, "cannot replace file")
        } catch {
            unlink(temporary.path)
            throw error
        }
        try syncFolder(folder.path)
    }

    private static func writeDurably(_ data: Data, to path: String) throws(FileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try posix(descriptor, path, "cannot create file")
        var failure: FileError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, failure == nil {
                let written = Glibc.write(descriptor, bytes.baseAddress?.advanced(by: offset), bytes.count - offset)
                if written < 0, errno != EINTR {
                    failure = error(path, "cannot write")
                } else if written > 0 {
                    offset += written
                }
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = error(path, "cannot sync") }
        if close(descriptor) != 0, failure == nil { failure = error(path, "cannot close") }
        if let failure { throw failure }
    }

    /// Makes the rename itself durable.
    private static func syncFolder(_ path: String) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try posix(descriptor, path, "cannot open folder")
        defer { close(descriptor) }
        try posix(fsync(descriptor), path, "cannot sync folder")
    }

    private static func posix(_ result: Int32, _ path: String, _ action: String) throws(FileError) {
        if result < 0 { throw error(path, action) }
    }

    private static func error(_ path: String, _ action: String) -> FileError {
        FileError(path: path, "\(action): \(String(cString: strerror(errno)))", code: errno)
    }
}
