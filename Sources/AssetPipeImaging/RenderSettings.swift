import AssetPipeBasics
/// How one output file is made from an image: a box to shrink it into, a matte to flatten it
/// onto, and its encoding. Imaging's own description of an output, so that decoding, resizing and
/// encoding know nothing of manifests.
public struct RenderSettings: Sendable, Hashable {
    public var encoding: EncodeSettings
    /// Fit inside this box, keeping the aspect ratio; never enlarges.
    public var resize: PixelSize?
    /// The colour transparent pixels are flattened onto. jpeg always flattens (onto white when
    /// unset); png and webp keep their alpha unless a matte is given.
    public var matte: RGBColor?

    public init(_ encoding: EncodeSettings, resize: PixelSize? = nil, matte: RGBColor? = nil) {
        self.encoding = encoding
        self.resize = resize
        self.matte = matte
    }
}
