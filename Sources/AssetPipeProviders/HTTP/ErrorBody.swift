import Foundation
import AssetPipeBasics

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
