import AssetPipe
import Foundation

/// Decodes the image inputs of JSON requests (`image`, `mask`, `reference_images` on Opper;
/// `image` in inline-edit mode; `images` in the JSON form of edits) into recorded inputs, and
/// rejects the ones a real API rejects.
struct InputDecoder {
    /// How a string that is neither a URL nor a data URI is read.
    enum BareString {
        /// Opper: an id of a stored file.
        case fileID
        /// Async-task platforms: raw base64 image bytes.
        case base64
    }

    let files: FileStore
    let keepingBytes: Bool
    let bareStrings: BareString

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
        switch value {
        case let .string(text):
            return RecordedInput(field: field, form: try form(of: text, field: field))
        case .object:
            let fields = JSONFields(value: value)
            if let id = fields.string("file_id") {
                return RecordedInput(field: field, form: try fileID(id, field: field))
            }
            if let url = fields.string("image_url") ?? fields.string("url") {
                return RecordedInput(field: field, form: try form(of: url, field: field))
            }
            throw .invalidRequest("Invalid '\(field)': expected a URL, a data URI or a file_id.", param: field,
                                  code: "invalid_image_request")
        default:
            throw .invalidRequest("Invalid type for '\(field)'.", param: field, code: "invalid_type")
        }
    }

    private func form(of text: String, field: String) throws(APIError) -> InputForm {
        let lowered = text.prefix(8).lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return .url(text) }
        if lowered.hasPrefix("data:") { return .dataURI(try dataURI(text, field: field)) }
        switch bareStrings {
        case .fileID:
            return try fileID(text, field: field)
        case .base64:
            guard let data = Data(base64Encoded: text) else {
                throw .invalidRequest("Invalid '\(field)': not a URL, a data URL or base64 image data.", param: field,
                                      code: "invalid_image_request")
            }
            return .base64(record(data, field: field, contentType: nil))
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
