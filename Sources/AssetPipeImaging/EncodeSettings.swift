import AssetPipeBasics
/// How an output is encoded: the per-format knobs an output can turn, and nothing else, so that
/// equal settings always produce byte-identical files.
public enum EncodeSettings: Sendable, Hashable {
    /// zlib level 0–9.
    case png(compressionLevel: Int)
    /// 0–100; 4:2:0 subsampling, optimized Huffman tables.
    case jpeg(quality: Int)
    /// Lossy, 0–100.
    case webp(quality: Int)
    case webpLossless

    /// Defaults for settings a manifest leaves out: png level 6 (zlib's own default balance of
    /// size and time), jpeg and lossy webp quality 90 (visually transparent for generated art).
    public static let defaultPNGCompression = 6
    public static let defaultJPEGQuality = 90
    public static let defaultWebPQuality = 90

    /// The settings of `format` with these knobs, defaults filled in; `quality` applies to jpeg
    /// and lossy webp, `lossless` to webp, `compression` to png.
    public init(_ format: ImageFormat, quality: Int? = nil, lossless: Bool = false, compression: Int? = nil) {
        switch format {
        case .png: self = .png(compressionLevel: compression ?? Self.defaultPNGCompression)
        case .jpeg: self = .jpeg(quality: quality ?? Self.defaultJPEGQuality)
        case .webp: self = lossless ? .webpLossless : .webp(quality: quality ?? Self.defaultWebPQuality)
        }
    }

    /// The format these settings produce.
    public var format: ImageFormat {
        switch self {
        case .png: .png
        case .jpeg: .jpeg
        case .webp, .webpLossless: .webp
        }
    }
}
