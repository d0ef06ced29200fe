import AssetPipeManifest
import AssetPipeImaging
extension OutputSpec {
    /// What imaging needs of this output: its encoding, resize box and matte.
    var renderSettings: RenderSettings {
        RenderSettings(EncodeSettings(format, quality: quality, lossless: lossless, compression: compression),
                       resize: resize, matte: matte)
    }
}
