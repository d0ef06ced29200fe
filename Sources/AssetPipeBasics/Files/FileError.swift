/// A file operation that failed: the path, what was being done, and the system's reason.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// The `errno` behind it, when the system gave one (`ENOSPC` for a full disk).
    public var code: Int32?

    public init(path: String, _ message: String, code: Int32? = nil) {
        self.path = path
        self.message = message
        self.code = code
    }

    public var description: String { "\(path): \(message)" }
}
