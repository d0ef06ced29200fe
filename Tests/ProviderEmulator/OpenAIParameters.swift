import Foundation

/// The parameters shared by `/images/generations`, `/images/edits` and `/images/variations`,
/// read from a JSON body or from multipart form fields, and validated as the real API does.
struct OpenAIParameters {
    var model: String
    var prompt: String?
    var n = 1
    var size: String?
    var quality: String?
    var background: String?
    var outputFormat: String?
    var outputCompression: Int?
    var responseFormat: String?
    /// Names of every parameter the client sent, for per-model rejections.
    var present: Set<String>

    /// Without `model`, the API falls back to its oldest model, as OpenAI does.
    static let defaultModel = "dall-e-2"

    init(json: JSONFields) throws(APIError) {
        guard case let .object(members) = json.value else {
            throw .invalidRequest("The request body must be a JSON object.")
        }
        present = Set(members.filter { $0.value != .null }.map(\.key))
        model = try Self.string(json, "model") ?? Self.defaultModel
        prompt = try Self.string(json, "prompt")
        size = try Self.string(json, "size")
        quality = try Self.string(json, "quality")
        background = try Self.string(json, "background")
        outputFormat = try Self.string(json, "output_format")
        responseFormat = try Self.string(json, "response_format")
        if json.has("n") {
            guard let n = json.int("n") else { throw Self.typeError("n", expected: "an integer") }
            self.n = n
        }
        if json.has("output_compression") {
            guard let compression = json.int("output_compression") else {
                throw Self.typeError("output_compression", expected: "an integer")
            }
            outputCompression = compression
        }
    }

    init(form: RequestBody, fieldNames: Set<String>) throws(APIError) {
        present = fieldNames
        model = form.field("model") ?? Self.defaultModel
        prompt = form.field("prompt")
        size = form.field("size")
        quality = form.field("quality")
        background = form.field("background")
        outputFormat = form.field("output_format")
        responseFormat = form.field("response_format")
        if let text = form.field("n") {
            guard let n = Int(text) else { throw Self.typeError("n", expected: "an integer") }
            self.n = n
        }
        if let text = form.field("output_compression") {
            guard let compression = Int(text) else { throw Self.typeError("output_compression", expected: "an integer") }
            outputCompression = compression
        }
    }

    func validate(for behavior: ModelBehavior, requiresPrompt: Bool) throws(APIError) {
        if let rejected = present.intersection(behavior.rejectedParameters).sorted().first {
            throw .invalidRequest("Unknown parameter: '\(rejected)'.", param: rejected, code: "unknown_parameter")
        }
        if requiresPrompt, (prompt ?? "").isEmpty {
            throw .invalidRequest("Missing required parameter: 'prompt'.", param: "prompt", code: "missing_required_parameter")
        }
        let maxImages = behavior.maxImages ?? 10
        if n < 1 || n > maxImages {
            throw .invalidRequest("Invalid 'n': expected a value between 1 and \(maxImages), but got \(n) instead.",
                                  param: "n", code: n < 1 ? "integer_below_min_value" : "integer_above_max_value")
        }
        if let size, !Self.isValidSize(size) {
            throw .invalidRequest("Invalid size '\(size)'. The size must be 'auto' or WIDTHxHEIGHT, such as '1024x1024'.",
                                  param: "size", code: "invalid_image_request")
        }
        if let outputFormat, !["png", "jpeg", "webp"].contains(outputFormat) {
            throw .invalidRequest("Invalid value: '\(outputFormat)'. Supported values are: 'png', 'jpeg', and 'webp'.",
                                  param: "output_format", code: "invalid_value")
        }
        if background == "transparent", outputFormat == "jpeg" {
            throw .invalidRequest("Transparent background requires output_format 'png' or 'webp'.",
                                  param: "background", code: "invalid_value")
        }
        if let outputCompression {
            if !(0...100).contains(outputCompression) {
                throw .invalidRequest("Invalid 'output_compression': expected a value between 0 and 100.",
                                      param: "output_compression", code: "invalid_value")
            }
            if outputCompression < 100, outputFormat ?? "png" == "png" {
                throw .invalidRequest("Compression less than 100 is not supported for PNG output format.",
                                      param: "output_compression", code: "invalid_value")
            }
        }
        if let responseFormat, !["url", "b64_json"].contains(responseFormat) {
            // The async-task platform's page documents this very error body.
            throw .invalidRequest("response_format must be one of: b64_json, url", param: "response_format",
                                  code: "invalid_image_request")
        }
    }

    func specs(_ operation: ImageSpec.Operation, sequence: Int, inputs: Int) -> [ImageSpec] {
        (0..<n).map { index in
            ImageSpec(operation: operation, model: model, prompt: prompt ?? "", size: size, index: index,
                      outputFormat: outputFormat, background: background, requestSequence: sequence,
                      inputImageCount: inputs)
        }
    }

    /// `auto` or `WIDTHxHEIGHT` with the letter x (`1024×1024` is an error on real platforms).
    static func isValidSize(_ size: String) -> Bool {
        if size == "auto" { return true }
        let sides = size.split(separator: "x", omittingEmptySubsequences: false)
        return sides.count == 2 && sides.allSatisfy { side in
            !side.isEmpty && side.allSatisfy(\.isASCII) && Int(side).map { $0 > 0 } == true
        }
    }

    private static func string(_ json: JSONFields, _ key: String) throws(APIError) -> String? {
        guard json.has(key) else { return nil }
        guard let text = json.string(key) else { throw typeError(key, expected: "a string") }
        return text
    }

    private static func typeError(_ key: String, expected: String) -> APIError {
        .invalidRequest("Invalid type for '\(key)': expected \(expected).", param: key, code: "invalid_type")
    }
}
