import Foundation
import AssetPipeBasics

/// png, jpeg and webp through the CImageCodecs shim.
///
/// Every entry point checks the declared dimensions against `maxDimension` and `maxPixels` before
/// a pixel buffer exists, so a hostile or broken header cannot make us allocate gigabytes.
public enum ImageCodec {
    /// Largest side a decoder accepts; checked against the header before any pixel buffer exists.
    public static let maxDimension = 16_384
    /// Largest pixel count a decoder accepts (100 megapixels).
    public static let maxPixels = 100_000_000
    /// Largest PNG chunk besides the pixel data (text, an ICC profile), and the most libpng may
    /// allocate for one: real profiles are a few KB to a few MB; a hostile zTXt can declare 2 GB.
    public static let maxMetadataBytes = 16 << 20
    /// Most scans a JPEG may hold. Each scan of a progressive file makes the decoder pass over
    /// every coefficient again, so thousands of tiny scans cost minutes of CPU for a small file;
    /// encoders write about 10, and a valid progression of 3 components can reach 2,700.
    public static let maxScans = 1000

    /// The format from the file signature, or nil. Never trusts file extensions or MIME types,
    /// which providers get wrong.
    public static func sniff(_ data: Data) -> ImageFormat? {
        let lead = Array(data.prefix(12))
        if lead.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if lead.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if lead.count == 12, lead.starts(with: Array("RIFF".utf8)), lead[8...].elementsEqual("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// Reads the header only; throws for unrecognized or oversized images, and for the limits
    /// above, which it checks as a decode would.
    public static func header(of data: Data) throws(ImagingError) -> ImageHeader {
        let format = try recognizedFormat(of: data)
        let header = try ShimCall.readHeader(format, data)
        return ImageHeader(format: format, width: Int(header.width), height: Int(header.height),
                           hasAlpha: header.channels == 4)
    }

    /// Decodes png, jpeg or webp to 8-bit RGB or RGBA.
    public static func decode(_ data: Data) throws(ImagingError) -> RasterImage {
        let format = try recognizedFormat(of: data)
        let header = try ShimCall.readHeader(format, data)
        let pixels = try ShimCall.decode(format, data, header)
        return RasterImage(width: Int(header.width), height: Int(header.height), hasAlpha: header.channels == 4,
                           pixels: pixels)
    }

    /// Encodes; RGBA input to jpeg must be flattened first (see `RasterImage.flattened(onto:)`),
    /// because silently choosing a matte here would hide a missing `matte` decision upstream.
    public static func encode(_ image: RasterImage, _ settings: EncodeSettings) throws(ImagingError) -> Data {
        switch settings {
        case .png(let level):
            try require(0...9 ~= level, "PNG compression level must be 0–9, not \(level)")
            return try ShimCall.encodePNG(image, level: level)
        case .jpeg(let quality):
            try require(0...100 ~= quality, "JPEG quality must be 0–100, not \(quality)")
            try require(!image.hasAlpha, "JPEG has no alpha channel: flatten the RGBA image onto a matte first")
            return try ShimCall.encodeJPEG(samples: image.pixels, width: image.width, height: image.height,
                                           layout: .rgb, quality: quality)
        case .webp(let quality):
            try require(0...100 ~= quality, "WebP quality must be 0–100, not \(quality)")
            return try ShimCall.encodeWebP(image, lossless: false, quality: quality)
        case .webpLossless:
            return try ShimCall.encodeWebP(image, lossless: true, quality: 0)
        }
    }

    private static func recognizedFormat(of data: Data) throws(ImagingError) -> ImageFormat {
        guard let format = sniff(data) else {
            throw ImagingError(.unrecognizedFormat, "not a PNG, JPEG or WebP file (\(data.count) bytes)")
        }
        return format
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(ImagingError) {
        if !condition { throw ImagingError(.encodeFailed, message()) }
    }
}
