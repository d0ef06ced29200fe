import Foundation
import AssetPipeBasics

/// The JSON answer of an image endpoint that carries its images at once, OpenAI-compatible and
/// Opper alike: `{data: [...], usage: {cost}}`. Read leniently — every field is optional because
/// gateways add, drop and null fields (`"url": null`) — but a `data` that is not a list of
/// objects makes the answer unusable, as a malformed body does.
struct ImagesPayload: Sendable {
    /// Not the expected shape; the caller turns it into an unusable-response error.
    struct ShapeError: Error {}

    var items: [ImageItem]
    /// Opper reports USD in `usage.cost`; OpenAI's usage is tokens only.
    var cost: Double?
    /// What a gateway says about how it routed the request (OpenGateway's `extra.routing.attempts`).
    var routingNotes: [String]

    init(_ json: JSONValue) throws(ShapeError) {
        guard case .object = json else { throw ShapeError() }
        switch json["data"] {
        case nil, .null?:
            items = []
        case let .array(elements)?:
            items = try elements.map { element throws(ShapeError) in
                guard case .object = element, let item = ImageItem(element) else { throw ShapeError() }
                return item
            }
        default:
            throw ShapeError()
        }
        cost = Self.cost(in: json)
        routingNotes = Self.routingNotes(in: json)
    }

    /// `usage.cost`, the one place the image APIs report money.
    static func cost(in json: JSONValue) -> Double? {
        json["usage"]?["cost"]?.numberValue
    }

    /// A note when a gateway's routing took more than one attempt, naming each (`openai/global
    /// failed, azure/eu succeeded`): the run report then shows which upstream really answered.
    private static func routingNotes(in json: JSONValue) -> [String] {
        guard let attempts = json["extra"]?["routing"]?["attempts"]?.arrayValue, attempts.count > 1 else { return [] }
        let described = attempts.map { attempt in
            let place = [attempt["provider"]?.stringValue, attempt["region"]?.stringValue].compactMap { $0 }.joined(separator: "/")
            return "\(place.isEmpty ? "?" : place) \(attempt["status"]?.stringValue ?? "?")"
        }
        return ["gateway routing: " + described.joined(separator: ", ")]
    }
}

/// One image in an answer: inline base64, a URL to download, or both, plus what the provider
/// keeps about it (Opper's `file_id`).
struct ImageItem: Sendable, Equatable {
    var base64: String?
    var url: String?
    var fileID: String?
    var mimeType: String?
    var revisedPrompt: String?

    /// An object with `b64_json` / `url` (and `file_id`, `mime_type`, `revised_prompt`), or — as
    /// async-task platforms list results — a bare URL or data URL. Empty strings count as absent:
    /// platforms send `"b64_json": ""` beside a `url`. Nil for anything else.
    init?(_ value: JSONValue) {
        func text(_ field: String) -> String? {
            guard let text = value[field]?.stringValue, !text.isEmpty else { return nil }
            return text
        }
        switch value {
        case let .string(text) where text.hasPrefix("data:"):
            base64 = text
        case let .string(text) where !text.isEmpty:
            url = text
        case .object:
            base64 = text("b64_json")
            url = text("url")
            fileID = text("file_id")
            mimeType = text("mime_type")
            revisedPrompt = text("revised_prompt")
        default:
            return nil
        }
    }

    /// Nothing to fetch or decode: no base64, no URL.
    var isEmpty: Bool { base64 == nil && url == nil }
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
        return detail(in: json)
    }

    static func detail(in json: JSONValue) -> Detail? {
        json["error"].flatMap(Detail.init) ?? json["message"]?.stringValue.map { Detail(message: $0) }
    }
}
