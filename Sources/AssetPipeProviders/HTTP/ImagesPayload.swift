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
