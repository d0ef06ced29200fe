/// Decoded 8-bit sRGB pixels, row-major and tightly packed: 3 bytes a pixel (RGB) or 4 (RGBA,
/// straight alpha). This is what every codec reads and writes and what `local` renders.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let hasAlpha: Bool
    public var pixels: [UInt8]

    public init(width: Int, height: Int, hasAlpha: Bool, pixels: [UInt8]) {
        precondition(pixels.count == width * height * (hasAlpha ? 4 : 3), "pixel buffer does not match dimensions")
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.pixels = pixels
    }

    public var channels: Int { hasAlpha ? 4 : 3 }
}
