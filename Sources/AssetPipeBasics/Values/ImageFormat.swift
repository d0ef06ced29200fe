import Foundation

/// The encodings assetpipe reads from providers and writes as outputs.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case png
    case jpeg
    case webp

    /// `png`, `jpg`/`jpeg`, `webp` (case-insensitive).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "webp": self = .webp
        default: return nil
        }
    }

    public var mimeType: String { "image/\(rawValue)" }
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
}
