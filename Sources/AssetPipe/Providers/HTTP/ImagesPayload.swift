import Foundation

/// The JSON answers of the image endpoints, OpenAI-compatible and Opper alike, read leniently:
/// every field is optional because gateways add, drop and null fields (`"url": null`). A field
/// of the wrong type makes the answer unusable, as a malformed body does.
struct ImagesPayload: Sendable {
    struct Item: Sendable {
        var b64_json: String?
        var url: String?
        var file_id: String?
        var mime_type: String?
        var revised_prompt: String?
    }

    /// Not the expected shape; the caller turns it into an unusable-response error.
    struct ShapeError: Error {}

    var data: [Item]?
    /// Opper reports USD in `usage.cost`; OpenAI's usage is tokens only.
    var cost: Double?
    // Async-task platforms answer a task object instead of images.
    var object: String?
    var task_id: String?
    var status: String?
    var error: ErrorBody.Detail?

    init(_ json: JSONValue) throws(ShapeError) {
        guard case .object = json else { throw ShapeError() }
        switch json["data"] {
        case nil, .null?:
            data = nil
        case let .array(elements)?:
            var items: [Item] = []
            for element in elements {
                guard case .object = element else { throw ShapeError() }
                items.append(Item(b64_json: try Self.text(element["b64_json"]), url: try Self.text(element["url"]),
                                  file_id: try Self.text(element["file_id"]), mime_type: try Self.text(element["mime_type"]),
                                  revised_prompt: try Self.text(element["revised_prompt"])))
            }
            data = items
        default:
            throw ShapeError()
        }
        cost = json["usage"]?["cost"]?.numberValue
        object = try Self.text(json["object"])
        task_id = try Self.text(json["task_id"])
        status = try Self.text(json["status"])
        error = json["error"].flatMap(ErrorBody.Detail.init)
    }

    /// A task to poll rather than a finished answer.
    var isTask: Bool {
        object == "image.generation.task" || (task_id != nil && status != nil)
    }

    /// A string field: absent and null are nil, another type is a malformed answer.
    private static func text(_ value: JSONValue?) throws(ShapeError) -> String? {
        switch value {
        case nil, .null?: return nil
        case let .string(text)?: return text
        default: throw ShapeError()
        }
    }
}

/// `{"error": {"message", "type", "param", "code"}}`, or the shapes gateways turn it into:
/// `{"error": "text"}`, `{"message": "text"}`, `code` as a number or the HTTP status as a string.
enum ErrorBody {
    struct Detail: Sendable {
        var message: String?
        var type: String?
        var code: String?

        init(message: String?, type: String? = nil, code: String? = nil) {
            self.message = message
            self.type = type
            self.code = code
        }

        /// A string is the message; an object gives its string fields (and a numeric `code` as text).
        init?(_ json: JSONValue) {
            switch json {
            case let .string(text):
                self.init(message: text)
            case .object:
                let code = json["code"]?.stringValue ?? json["code"]?.numberValue.flatMap { Int(exactly: $0) }.map(String.init)
                self.init(message: json["message"]?.stringValue, type: json["type"]?.stringValue, code: code)
            default:
                return nil
            }
        }
    }

    static func parse(_ body: Data) -> Detail? {
        guard let json = try? JSONParser.parse(body).value else { return nil }
        return json["error"].flatMap(Detail.init) ?? json["message"]?.stringValue.map { Detail(message: $0) }
    }
}
