import Foundation
import AssetPipeBasics

/// Decodes the image inputs of JSON requests into recorded inputs, and rejects what the real API
/// rejects. Each API documents its own forms, so each is a dialect:
/// - Opper `/v3/images` (`image`, `mask`, each of `reference_images`): a string only — an
///   http(s) URL, a data URI or a bare `file_id` (`"image": "file_abc123"`); an object is a type error;
/// - an async-task platform's inline edit (`image` on `/images/generations`): "image URLs, Data
///   URLs/base64, arrays, or objects" — a bare string is base64, an object `{image_url}` or `{url}`;
/// - OpenAI's JSON edit (`images[]`, `mask`): objects `{image_url}` or `{file_id}` only.
struct InputDecoder {
    enum Dialect {
        case opper
        case taskPlatformInline
        case openAIJSONEdit
    }

    let files: FileStore
    let keepingBytes: Bool
    let dialect: Dialect

    /// Every input of `field`, which may hold one value or an array of them.
    func decode(field: String, _ value: JSONValue) throws(APIError) -> [RecordedInput] {
        if case let .array(items) = value {
            var inputs: [RecordedInput] = []
            for item in items { inputs.append(try decodeOne(field: field, item)) }
            return inputs
        }
        return [try decodeOne(field: field, value)]
    }

    private func decodeOne(field: String, _ value: JSONValue) throws(APIError) -> RecordedInput {
        switch (value, dialect) {
        case let (.string(text), .opper), let (.string(text), .taskPlatformInline):
            return RecordedInput(field: field, form: try form(of: text, field: field))
        case (.object, .taskPlatformInline), (.object, .openAIJSONEdit):
            return RecordedInput(field: field, form: try objectForm(JSONFields(value: value), field: field))
        case (_, .opper):
            throw .invalidRequest("Invalid type for '\(field)': expected a string (an http(s) URL, a data URI or a file_id), found \(kind(of: value)).",
                                  param: field, code: "invalid_type")
        default:
            throw .invalidRequest("Invalid type for '\(field)': expected an object, found \(kind(of: value)).", param: field,
                                  code: "invalid_type")
        }
    }

    private func objectForm(_ fields: JSONFields, field: String) throws(APIError) -> InputForm {
        if dialect == .openAIJSONEdit, let id = fields.string("file_id") { return try fileID(id, field: field) }
        if let url = fields.string("image_url") ?? (dialect == .taskPlatformInline ? fields.string("url") : nil) {
            return try form(of: url, field: field)
        }
        throw .invalidRequest("Invalid '\(field)': expected an object with image_url\(dialect == .openAIJSONEdit ? " or file_id" : "").",
                              param: field, code: "invalid_image_request")
    }

    private func form(of text: String, field: String) throws(APIError) -> InputForm {
        let lowered = text.prefix(8).lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return .url(text) }
        if lowered.hasPrefix("data:") { return .dataURI(try dataURI(text, field: field)) }
        switch dialect {
        case .opper:
            return try fileID(text, field: field)
        case .openAIJSONEdit:
            throw .invalidRequest("Invalid '\(field)': image_url must be an https or data URL.", param: field,
                                  code: "invalid_image_request")
        case .taskPlatformInline:
            guard let data = Data(base64Encoded: text) else {
                throw .invalidRequest("Invalid '\(field)': not a URL, a data URL or base64 image data.", param: field,
                                      code: "invalid_image_request")
            }
            return .base64(record(data, field: field, contentType: nil))
        }
    }

    private func kind(of value: JSONValue) -> String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    private func fileID(_ id: String, field: String) throws(APIError) -> InputForm {
        guard files.file(id) != nil else {
            throw .invalidRequest("Invalid '\(field)': file '\(id)' not found.", param: field, code: "file_not_found")
        }
        return .fileID(id)
    }

    /// `data:image/png;base64,…`: only base64 image data is an image input.
    private func dataURI(_ text: String, field: String) throws(APIError) -> RecordedFile {
        guard let comma = text.firstIndex(of: ",") else {
            throw .invalidRequest("Invalid '\(field)': malformed data URI.", param: field, code: "invalid_image_request")
        }
        let header = text[text.index(text.startIndex, offsetBy: 5)..<comma].split(separator: ";")
        let mimeType = header.first.map(String.init) ?? ""
        guard header.contains("base64"), let data = Data(base64Encoded: String(text[text.index(after: comma)...])) else {
            throw .invalidRequest("Invalid '\(field)': the data URI is not valid base64.", param: field,
                                  code: "invalid_image_request")
        }
        guard mimeType.lowercased().hasPrefix("image/") else {
            throw .invalidRequest("Invalid '\(field)': unsupported mimetype ('\(mimeType)').", param: field,
                                  code: "invalid_image_format")
        }
        return record(data, field: field, contentType: mimeType)
    }

    private func record(_ data: Data, field: String, contentType: String?) -> RecordedFile {
        RecordedFile(fieldName: field, filename: nil, contentType: contentType, byteCount: data.count,
                     sha256: SHA256.hex(data), bytes: keepingBytes ? data : nil)
    }
}
