/// A codec failure: corrupt or truncated input, absurd dimensions, an encoder error. One concrete
/// type (thrown with typed throws) so callers can decide per `kind` whether a retry could help.
public struct ImagingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unrecognizedFormat
        case corrupt
        case tooLarge
        case encodeFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
