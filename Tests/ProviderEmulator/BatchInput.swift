import Foundation
import AssetPipeBasics

/// One request of a batch input file, once validated.
struct BatchLine: Sendable {
    /// 1-based, as errors name lines.
    let number: Int
    let customID: String
    let url: String
    let body: JSONValue
    /// The line as the file holds it, for marker matching.
    let text: String
}

/// Reads and validates a batch input file as the Batch API does when a batch leaves
/// `validating`: JSONL, one request per line, each `{"custom_id", "method": "POST", "url", "body"}`
/// with a unique `custom_id`, the batch's `endpoint` as `url`, and one `model` for the whole file.
/// Every bad line is reported with its number, not only the first.
enum BatchInput {
    enum Validation {
        case valid([BatchLine], model: String)
        case invalid([BatchError])
    }

    static func validate(_ data: Data, endpoint: String, behavior: BatchBehavior) -> Validation {
        guard data.count <= behavior.maxInputBytes else {
            return .invalid([BatchError(code: "file_too_large",
                                        message: "The input file is \(data.count) bytes; a batch input file may be at most \(behavior.maxInputBytes) bytes.")])
        }
        let texts = lines(of: data)
        guard !texts.isEmpty else {
            return .invalid([BatchError(code: "empty_file", message: "The batch input file is empty.")])
        }
        guard texts.count <= behavior.maxRequests else {
            return .invalid([BatchError(code: "too_many_tasks",
                                        message: "The batch input file has \(texts.count) requests; a batch may have at most \(behavior.maxRequests).")])
        }
        var reader = LineReader(endpoint: endpoint)
        for (index, text) in texts.enumerated() { reader.read(text, number: index + 1) }
        guard reader.errors.isEmpty, let model = reader.model else { return .invalid(reader.errors) }
        return .valid(reader.lines, model: model)
    }

    /// The file's lines without their line ends; a final line end does not start another line.
    private static func lines(of data: Data) -> [String] {
        var texts = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if texts.last == "" { texts.removeLast() }
        return texts
    }

    /// Checks lines in order, remembering the custom_ids and the model seen so far.
    private struct LineReader {
        let endpoint: String
        var lines: [BatchLine] = []
        var errors: [BatchError] = []
        var model: String?
        var customIDs: Set<String> = []

        init(endpoint: String) {
            self.endpoint = endpoint
        }

        mutating func read(_ text: String, number: Int) {
            do throws(BatchError) {
                lines.append(try line(text, number: number))
            } catch {
                errors.append(error)
            }
        }

        private mutating func line(_ text: String, number: Int) throws(BatchError) -> BatchLine {
            guard let json = try? JSONValue(parsing: text), case .object = json else {
                throw BatchError(code: "invalid_json_line", message: "This line is not parseable as valid JSON.", line: number)
            }
            let fields = JSONFields(value: json)
            guard let customID = fields.string("custom_id"), !customID.isEmpty else { throw missing("custom_id", number) }
            guard customIDs.insert(customID).inserted else {
                throw BatchError(code: "duplicate_custom_id",
                                 message: "The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.",
                                 param: "custom_id", line: number)
            }
            guard let method = fields.string("method") else { throw missing("method", number) }
            guard method == "POST" else {
                throw BatchError(code: "invalid_value", message: "Invalid value: '\(method)'. Supported values are: 'POST'.",
                                 param: "method", line: number)
            }
            guard let url = fields.string("url") else { throw missing("url", number) }
            guard url == endpoint else {
                throw BatchError(code: "url_mismatch",
                                 message: "The URL provided for this request does not match the batch endpoint '\(endpoint)'.",
                                 param: "url", line: number)
            }
            guard let body = fields["body"], case .object = body else { throw missing("body", number) }
            try checkModel(JSONFields(value: body).string("model"), number: number)
            return BatchLine(number: number, customID: customID, url: url, body: body, text: text)
        }

        private mutating func checkModel(_ lineModel: String?, number: Int) throws(BatchError) {
            guard let lineModel else { throw missing("body.model", number) }
            guard let model else {
                model = lineModel
                return
            }
            guard lineModel == model else {
                throw BatchError(code: "model_mismatch",
                                 message: "The provided model '\(lineModel)' is different from the model '\(model)' used for other requests in this batch.",
                                 param: "body.model", line: number)
            }
        }

        private func missing(_ param: String, _ number: Int) -> BatchError {
            BatchError(code: "missing_required_parameter", message: "Missing required parameter: '\(param)'.", param: param,
                       line: number)
        }
    }
}
