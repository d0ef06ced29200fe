import Foundation

/// Where assetpipe puts the files it must not lose or half-write: cache blobs and records,
/// outputs, the lockfile and reports all go through this one seam, so a spec can make any write
/// fail — a full disk, an I/O error — and check that nothing half-written remains and that the
/// failure names its path.
public protocol FileStorage: Sendable {
    /// Replaces the file at `url` with `data`, creating parent folders: afterwards it holds its
    /// previous content or all of `data`, whatever happens to the process or the machine.
    func write(_ data: Data, to url: URL) throws(FileError)
}

/// The disk, through `AtomicFile` (temporary file, fsync, rename, fsync of the folder).
public struct DiskStorage: FileStorage {
    public init() {}

    public func write(_ data: Data, to url: URL) throws(FileError) {
        try AtomicFile.write(data, to: url)
    }
}
