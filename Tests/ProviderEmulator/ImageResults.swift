import Foundation
import AssetPipeBasics

/// One image as a response carries it, after any payload fault.
struct ProducedImage {
    var data: Data
    var mimeType: String
    /// What goes into `b64_json`: the base64 of `data`, or garbage under `invalidBase64`.
    var base64: String
}

/// How the images of one response are delivered.
struct ImageDelivery {
    /// `b64_json` in each item.
    var inline: Bool
    /// Each image is stored and gets a `url`.
    var url: Bool
    /// Each image's `file_id` is returned (Opper `store`).
    var fileID: Bool
    var revisedPrompt: String?
}

/// Renders the images of a response through the injected factory and builds their `data`
/// items; shared by the OpenAI routes, the Opper route and async tasks so a payload fault looks
/// the same on every endpoint.
struct ImageResults {
    static let notAnImage = Data("<html><body>upstream returned an error page instead of an image</body></html>".utf8)

    let factory: ImageFactory
    let files: FileStore

    func produce(_ specs: [ImageSpec], fault: Fault?) -> [ProducedImage] {
        var kept = specs
        switch fault {
        case .emptyData?: kept = []
        case .fewerImages?: kept = Array(specs.dropLast())
        default: break
        }
        return kept.map { spec in
            let rendered = factory(spec)
            switch fault {
            case .nonImageBytes?:
                return ProducedImage(data: Self.notAnImage, mimeType: rendered.mimeType,
                                     base64: Self.notAnImage.base64EncodedString())
            case .invalidBase64?:
                return ProducedImage(data: Self.notAnImage, mimeType: rendered.mimeType, base64: "!!not*base64@@%")
            default:
                return ProducedImage(data: rendered.data, mimeType: rendered.mimeType,
                                     base64: rendered.data.base64EncodedString())
            }
        }
    }

    /// The `data` items in OpenAI shape (`b64_json` or `url`, `revised_prompt`), or in Opper
    /// shape (`b64_json?`, `mime_type`, `file_id?`, `url?`). Under `url` delivery an
    /// `invalidBase64` image is stored as non-image bytes. Every route that renders images
    /// delivers them through here, so this is where the record learns it rendered (and billed) them.
    func items(_ images: [ProducedImage], delivery: ImageDelivery, host: String, opperShape: Bool,
               record: inout RecordedRequest) -> [JSONValue] {
        record.imagesRendered = images.count
        return images.map { image in
            var members: [(key: String, value: JSONValue)] = []
            if delivery.inline { members.append(("b64_json", .string(image.base64))) }
            if opperShape { members.append(("mime_type", .string(image.mimeType))) }
            if delivery.url || delivery.fileID {
                let id = files.store(image.data, mimeType: image.mimeType)
                record.issuedFileIDs.append(id)
                if delivery.fileID { members.append(("file_id", .string(id))) }
                if delivery.url { members.append(("url", .string(FileStore.url(of: id, host: host)))) }
            }
            if let revised = delivery.revisedPrompt { members.append(("revised_prompt", .string(revised))) }
            return .object(members)
        }
    }
}
