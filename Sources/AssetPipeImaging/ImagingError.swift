/// A codec failure: corrupt or truncated input, absurd dimensions, an encoder error. One concrete
/// type (thrown with typed throws) so callers can decide per `kind` whether a retry could help.
public struct ImagingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unrecognizedFormat
        case corrupt
        /// Declares more pixels than the decoder accepts, or carries metadata or scans beyond its
        /// limits: the same bytes will always be refused.
        case tooLarge
        /// A valid file in a form this decoder does not take (an animated WebP).
        case unsupported
        case encodeFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The bytes are readable as an image but refused by design, so the same answer would be
    /// refused again.
    public var isPermanent: Bool { kind == .tooLarge || kind == .unsupported }
}
