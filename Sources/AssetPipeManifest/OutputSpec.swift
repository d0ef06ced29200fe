import Foundation
import AssetPipeBasics

/// One file a step writes: how the provider's image is transcoded and where it lands.
public struct OutputSpec: Sendable, Hashable {
    /// Relative to the output folder; may contain `{index}` (required when `n` > 1).
    public var path: String
    public var format: ImageFormat
    /// 0–100, for jpeg and lossy webp.
    public var quality: Int?
    /// webp only.
    public var lossless: Bool
    /// PNG zlib level 0–9.
    public var compression: Int?
    /// Fit inside this box, keeping the aspect ratio; never upscales.
    public var resize: PixelSize?
    /// The colour transparent pixels are flattened onto. jpeg always flattens (onto white when
    /// unset); png and webp keep their alpha unless a matte is given.
    public var matte: RGBColor?

    public init(path: String, format: ImageFormat, quality: Int? = nil, lossless: Bool = false,
                compression: Int? = nil, resize: PixelSize? = nil, matte: RGBColor? = nil) {
        self.path = path
        self.format = format
        self.quality = quality
        self.lossless = lossless
        self.compression = compression
        self.resize = resize
        self.matte = matte
    }

    /// The relative path for image number `index` of the step.
    public func path(forIndex index: Int) -> String {
        guard path.utf8.contains(UInt8(ascii: "{")) else { return path }
        return path.replacing("{index}", with: String(index))
    }
}
