import AssetPipeCache
/// One output of a step after a run: whether this run wrote it, and what it holds when known.
public struct OutputFile: Sendable, Equatable {
    /// Relative to the output folder.
    public var path: String
    /// Written by this run; false when it was already up to date on disk.
    public var written: Bool
    public var sha256: String?
    public var bytes: Int?
    public var width: Int?
    public var height: Int?

    public init(path: String, written: Bool, sha256: String? = nil, bytes: Int? = nil, width: Int? = nil, height: Int? = nil) {
        self.path = path
        self.written = written
        self.sha256 = sha256
        self.bytes = bytes
        self.width = width
        self.height = height
    }

    /// The file as the lockfile (or this run's writer) describes it.
    init(path: String, written: Bool, locked: LockedOutput?) {
        self.init(path: path, written: written, sha256: locked?.sha256, bytes: locked?.bytes, width: locked?.width,
                  height: locked?.height)
    }
}
