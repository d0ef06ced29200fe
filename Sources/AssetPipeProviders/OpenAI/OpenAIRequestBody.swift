import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeImaging

/// The bodies of the OpenAI-compatible image endpoints.
enum OpenAIRequestBody {
    /// `/images/generations` JSON; `images`/`mask` carry an inline edit's inputs (URLs or data
    /// URLs; one image as a string, several as an array). `extra` is merged last, verbatim.
    static func json(model: String, prompt: String, parameters: GenerationParameters,
                     images: [String] = [], mask: String? = nil) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("model", .string(model)), ("prompt", .string(prompt))]
        members += parameters.wireFields.map { ($0.parameter.name, $0.value) }
        if images.count == 1 {
            members.append(("image", .string(images[0])))
        } else if !images.isEmpty {
            members.append(("image", .array(images.map(JSONValue.string))))
        }
        if let mask { members.append(("mask", .string(mask))) }
        return .object(merging(parameters.extraMembers, into: members))
    }

    /// `/images/edits` as JSON, the form a batch line can carry: `images: [{"image_url": …}]`
    /// (an https or data URL each) and `mask: {"image_url": …}`.
    static func jsonEdit(model: String, prompt: String, parameters: GenerationParameters, images: [String],
                         mask: String?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("model", .string(model)), ("prompt", .string(prompt))]
        members += parameters.wireFields.map { ($0.parameter.name, $0.value) }
        members.append(("images", .array(images.map { .object([("image_url", .string($0))]) })))
        if let mask { members.append(("mask", .object([("image_url", .string(mask))]))) }
        return .object(merging(parameters.extraMembers, into: members))
    }

    /// `/images/edits` and `/images/variations` multipart: form fields first, then one `image`
    /// part or repeated `image[]` parts with the exact bytes, then the optional mask.
    static func multipart(model: String, prompt: String?, parameters: GenerationParameters,
                          images: [EncodedImage], mask: EncodedImage?) -> MultipartFormData {
        var form = MultipartFormData()
        var fields: [(key: String, value: JSONValue)] = [("model", .string(model))]
        if let prompt { fields.append(("prompt", .string(prompt))) }
        for (key, value) in merging(parameters.extraMembers, into: fields + parameters.wireFields.map { ($0.parameter.name, $0.value) }) {
            form.append(field: key, value: value.plainText)
        }
        let imageField = images.count == 1 ? "image" : "image[]"
        for (index, image) in images.enumerated() {
            form.append(file: imageField, filename: "image-\(index).\(image.format.fileExtension)",
                        contentType: image.format.mimeType, data: image.data)
        }
        if let mask {
            form.append(file: "mask", filename: "mask.\(mask.format.fileExtension)", contentType: mask.format.mimeType,
                        data: mask.data)
        }
        return form
    }

    /// `extra` members replace same-named fields in place and add the others at the end.
    private static func merging(_ extra: [(key: String, value: JSONValue)],
                                into members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        var merged = members
        for member in extra {
            if let index = merged.firstIndex(where: { $0.key == member.key }) {
                merged[index] = member
            } else {
                merged.append(member)
            }
        }
        return merged
    }
}
