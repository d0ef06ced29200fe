import Glibc

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

    /// `action` failed with `code`: "cannot write: No space left on device (ENOSPC)". Both the
    /// text and the name, since the text is translated and the name is what people search for.
    public static func system(path: String, _ action: String, code: Int32) -> FileError {
        FileError(path: path, "\(action): \(String(cString: strerror(code))) (\(SystemErrorName.of(code)))", code: code)
    }

    public var description: String { "\(path): \(message)" }
}
