/// A cache, lockfile or hash-state file could not be read or written. The message names the file
/// so the user knows what to fix or delete.
public struct CacheError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
