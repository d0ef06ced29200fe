import Foundation

/// How an output is encoded.
public enum EncodeSettings: Sendable, Hashable {
    /// zlib level 0–9.
    case png(compressionLevel: Int)
    /// 0–100; 4:2:0 subsampling, optimized Huffman tables.
    case jpeg(quality: Int)
    /// Lossy, 0–100.
    case webp(quality: Int)
    case webpLossless
}

/// What a header says about an encoded image, read without decoding the pixels.
public struct ImageHeader: Sendable, Hashable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool
}

/// A codec failure: corrupt or truncated input, absurd dimensions, an encoder error.
public struct ImagingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unrecognizedFormat
        case corrupt
        case tooLarge
        case encodeFailed
        case io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// png, jpeg and webp through the CImageCodecs shim.
public enum ImageCodec {
    /// Largest side a decoder accepts; checked against the header before any pixel buffer exists.
    public static let maxDimension = 16_384
    /// Largest pixel count a decoder accepts (100 megapixels).
    public static let maxPixels = 100_000_000

    /// The format from the file signature, or nil.
    public static func sniff(_ data: Data) -> ImageFormat? {
        fatalError("not implemented")
    }

    /// Reads the header only; throws for unrecognized or oversized images.
    public static func header(of data: Data) throws(ImagingError) -> ImageHeader {
        fatalError("not implemented")
    }

    /// Decodes png, jpeg or webp to 8-bit RGB or RGBA.
    public static func decode(_ data: Data) throws(ImagingError) -> RasterImage {
        fatalError("not implemented")
    }

    /// Encodes; RGBA input to jpeg must be flattened first (see `RasterImage.flattened(onto:)`).
    public static func encode(_ image: RasterImage, _ settings: EncodeSettings) throws(ImagingError) -> Data {
        fatalError("not implemented")
    }
}
