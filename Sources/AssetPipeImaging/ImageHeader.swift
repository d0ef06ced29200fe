import AssetPipeBasics
/// What a header says about an encoded image, read without decoding the pixels: enough to
/// validate a provider's download and plan work without paying for a full decode.
public struct ImageHeader: Sendable, Hashable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool

    public init(format: ImageFormat, width: Int, height: Int, hasAlpha: Bool) {
        self.format = format
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
    }
}
