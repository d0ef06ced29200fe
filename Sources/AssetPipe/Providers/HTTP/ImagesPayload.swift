import Foundation

/// The JSON answers of the image endpoints, OpenAI-compatible and Opper alike, read leniently:
/// every field is optional because gateways add, drop and null fields (`"url": null`).
struct ImagesPayload: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var b64_json: String?
        var url: String?
        var file_id: String?
        var mime_type: String?
        var revised_prompt: String?
    }

    struct Usage: Decodable, Sendable {
        /// Opper reports USD here; OpenAI's usage is tokens only.
        var cost: Double?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cost = try? container.decodeIfPresent(Double.self, forKey: .cost)
        }

        private enum CodingKeys: String, CodingKey { case cost }
    }

    var data: [Item]?
    var usage: Usage?
    // Async-task platforms answer a task object instead of images.
    var object: String?
    var task_id: String?
    var status: String?
    var error: ErrorBody.Detail?

    /// A task to poll rather than a finished answer.
    var isTask: Bool {
        object == "image.generation.task" || (task_id != nil && status != nil)
    }
}

/// `{"error": {"message", "type", "param", "code"}}`, or the shapes gateways turn it into:
/// `{"error": "text"}`, `{"message": "text"}`, `code` as a number or the HTTP status as a string.
struct ErrorBody: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        var message: String?
        var type: String?
        var code: String?

        init(message: String?, type: String? = nil, code: String? = nil) {
            self.message = message
            self.type = type
            self.code = code
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.init(message: text)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let code = (try? container.decodeIfPresent(String.self, forKey: .code))
                ?? (try? container.decodeIfPresent(Int.self, forKey: .code)).flatMap { $0.map(String.init) }
            self.init(message: try? container.decodeIfPresent(String.self, forKey: .message),
                      type: try? container.decodeIfPresent(String.self, forKey: .type), code: code)
        }

        private enum CodingKeys: String, CodingKey { case message, type, code }
    }

    var error: Detail?
    var message: String?

    var detail: Detail? {
        error ?? message.map { Detail(message: $0) }
    }

    static func parse(_ body: Data) -> Detail? {
        (try? JSONDecoder().decode(ErrorBody.self, from: body))?.detail
    }
}
