import Foundation

/// Turns a decoded image into the bytes of one output file, exactly as its settings say.
///
/// Kept separate from the codecs so every command renders outputs the same way: resize first
/// (on premultiplied alpha), then flatten, then encode.
public enum OutputRenderer {
    /// Resizes to fit `settings.resize` (only ever shrinking), flattens onto the matte (jpeg
    /// always, onto `matte ?? .white`; png and webp only when a matte is set), and encodes.
    public static func render(_ image: RasterImage, _ settings: RenderSettings) throws(ImagingError) -> Data {
        var image = image
        if let box = settings.resize, image.width > box.width || image.height > box.height {
            image = image.resized(toFit: box)
        }
        if settings.encoding.format == .jpeg || settings.matte != nil {
            image = image.flattened(onto: settings.matte ?? .white)
        }
        return try ImageCodec.encode(image, settings.encoding)
    }
}
