import AssetPipeBasics

/// The body of `POST /v1/batches`, checked as the Batch API checks it:
/// `{"input_file_id", "endpoint", "completion_window": "24h", "metadata"?, "output_expires_after"?}`.
/// The emulator speaks the image endpoints only, so those are the endpoints it accepts.
struct BatchCreation: Sendable {
    static let endpoints = ["/v1/images/generations", "/v1/images/edits"]
    static let completionWindow = "24h"
    /// The window in seconds: `expires_at` is this long after `created_at`.
    static let windowSeconds = 86_400
    static let maxMetadataPairs = 16
    static let maxMetadataKeyLength = 64
    static let maxMetadataValueLength = 512
    /// `output_expires_after` is accepted and has no effect: the emulator's files never expire.
    static let fields: Set = ["input_file_id", "endpoint", "completion_window", "metadata", "output_expires_after"]

    let inputFileID: String
    let endpoint: String
    let metadata: JSONValue

    init(json: JSONFields) throws(APIError) {
        guard case let .object(members) = json.value else { throw .invalidRequest("The request body must be a JSON object.") }
        if let unknown = members.first(where: { !Self.fields.contains($0.key) }) {
            throw .invalidRequest("Unrecognized request argument supplied: \(unknown.key)")
        }
        inputFileID = try Self.required(json, "input_file_id")
        endpoint = try Self.required(json, "endpoint")
        guard Self.endpoints.contains(endpoint) else {
            throw Self.unsupported(endpoint, param: "endpoint", supported: Self.endpoints)
        }
        let window = try Self.required(json, "completion_window")
        guard window == Self.completionWindow else {
            throw Self.unsupported(window, param: "completion_window", supported: [Self.completionWindow])
        }
        metadata = try Self.metadata(json["metadata"] ?? .null)
    }

    /// Up to 16 string pairs, keys up to 64 characters, values up to 512.
    private static func metadata(_ value: JSONValue) throws(APIError) -> JSONValue {
        guard value != .null else { return .null }
        guard case let .object(pairs) = value else {
            throw .invalidRequest("Invalid type for 'metadata': expected an object.", param: "metadata", code: "invalid_type")
        }
        guard pairs.count <= maxMetadataPairs else {
            throw .invalidRequest("Invalid 'metadata': too many properties. Expected an object with at most \(maxMetadataPairs) properties, but got an object with \(pairs.count) properties instead.",
                                  param: "metadata", code: "object_above_max_properties")
        }
        for pair in pairs {
            guard pair.key.count <= maxMetadataKeyLength else {
                throw tooLong("metadata", pair.key, max: maxMetadataKeyLength)
            }
            guard case let .string(text) = pair.value else {
                throw .invalidRequest("Invalid type for 'metadata.\(pair.key)': expected a string.", param: "metadata.\(pair.key)",
                                      code: "invalid_type")
            }
            guard text.count <= maxMetadataValueLength else {
                throw tooLong("metadata.\(pair.key)", text, max: maxMetadataValueLength)
            }
        }
        return value
    }

    private static func required(_ json: JSONFields, _ key: String) throws(APIError) -> String {
        guard json.has(key) else {
            throw .invalidRequest("Missing required parameter: '\(key)'.", param: key, code: "missing_required_parameter")
        }
        guard let text = json.string(key) else {
            throw .invalidRequest("Invalid type for '\(key)': expected a string.", param: key, code: "invalid_type")
        }
        return text
    }

    private static func unsupported(_ value: String, param: String, supported: [String]) -> APIError {
        let list = supported.map { "'\($0)'" }.joined(separator: ", ")
        return .invalidRequest("Invalid value: '\(value)'. Supported values are: \(list).", param: param, code: "invalid_value")
    }

    private static func tooLong(_ param: String, _ text: String, max: Int) -> APIError {
        .invalidRequest("Invalid '\(param)': string too long. Expected a string with maximum length \(max), but got a string with length \(text.count) instead.",
                        param: param, code: "string_above_max_length")
    }
}
