import Foundation
import AssetPipeBasics
import AssetPipeImaging

/// Makes the thumbnail of one output file. Blocking (a file read, SHA-256, decode, resize,
/// encode, an atomic write): call it on the blocking-work executor.
///
/// A thumbnail is named by the SHA-256 of the file it shows, so a rerun reuses the ones it has
/// and two outputs with the same bytes share one. Problems with the output file become an
/// `.unavailable` preview with the reason; only a failure to write the thumbnail throws.
struct ThumbnailMaker: Sendable {
    /// Fits inside this box, never enlarged: a little more than a card's width on a desktop, so
    /// sharp there, and small enough that 2,000 of them load quickly.
    static let box = PixelSize(width: 320, height: 320)
    /// WebP keeps alpha (the checkerboard shows through) and is small; 80 is plenty for a glance.
    static let encoding = EncodeSettings.webp(quality: 80)
    /// The thumbnails' folder inside the gallery folder.
    static let folderName = "thumbnails"

    /// After the SHA-256 of the file shown: the box, so a change of size never reuses old ones.
    static let nameSuffix = "-\(box.width).webp"

    /// Whether a file in the thumbnails' folder has the name this maker gives thumbnails.
    static func isThumbnailName(_ name: String) -> Bool {
        let hash = name.dropLast(nameSuffix.count)
        return name.hasSuffix(nameSuffix) && hash.count == 64 && hash.allSatisfy(\.isHexDigit)
    }

    var galleryFolder: URL
    var storage: any FileStorage

    /// The preview of the output at `path` (as the report names it), read from `file`.
    func preview(ofOutput path: String, at file: URL) throws(FileError) -> OutputPreview {
        guard FileManager.default.fileExists(atPath: file.path) else {
            return .unavailable(reason: "missing: no file at \(path)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            return .unavailable(reason: "cannot read \(path): \(error.localizedDescription)")
        }
        let source: ImageHeader
        do {
            source = try ImageCodec.header(of: data)
        } catch {
            return .unavailable(reason: "not an image this gallery can show (\(path)): \(error)")
        }
        let name = "\(Self.folderName)/\(SHA256.hex(data))\(Self.nameSuffix)"
        let url = galleryFolder.appendingPathComponent(name)
        let size: ImageHeader
        if let existing = (try? Data(contentsOf: url)).flatMap({ try? ImageCodec.header(of: $0) }) {
            size = existing
        } else {
            let encoded: Data
            do {
                encoded = try OutputRenderer.render(try ImageCodec.decode(data), RenderSettings(Self.encoding, resize: Self.box))
                size = try ImageCodec.header(of: encoded)
            } catch {
                return .unavailable(reason: "cannot decode \(path): \(error)")
            }
            try storage.write(encoded, to: url)
        }
        return .thumbnail(Thumbnail(path: name, width: size.width, height: size.height, source: source,
                                    sourceBytes: data.count))
    }
}
