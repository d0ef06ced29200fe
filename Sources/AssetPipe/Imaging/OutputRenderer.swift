import Foundation

/// Turns a decoded image into the bytes of one output file, exactly as its `OutputSpec` says.
///
/// Kept separate from the codecs so every command renders outputs the same way: resize first
/// (on premultiplied alpha), then flatten, then encode.
public enum OutputRenderer {
    /// Resizes to fit `spec.resize` (only ever shrinking, as `OutputSpec.resize` promises), flattens
    /// onto the matte (jpeg always, onto `spec.matte ?? .white`; png and webp only when a matte
    /// is set), and encodes with the spec's settings and assetpipe's defaults.
    public static func render(_ image: RasterImage, as spec: OutputSpec) throws(ImagingError) -> Data {
        var image = image
        if let box = spec.resize, image.width > box.width || image.height > box.height {
            image = image.resized(toFit: box)
        }
        if spec.format == .jpeg || spec.matte != nil {
            image = image.flattened(onto: spec.matte ?? .white)
        }
        return try ImageCodec.encode(image, EncodeSettings(spec))
    }
}
