@testable import AssetPipeBasics

/// Reading a JSON Schema document: its parts by JSON pointer, and the fields an object declares.
extension JSONValue {
    /// The value at a JSON pointer such as `/$defs/step/properties/id` (RFC 6901); `""` is the
    /// document itself.
    subscript(pointer pointer: String) -> JSONValue? {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().reduce(self) { value, token in
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let value else { return nil }
            if let index = Int(name), let items = value.arrayValue { return items.indices.contains(index) ? items[index] : nil }
            return value[name]
        }
    }

    /// The names under `properties`, in the order written.
    var declaredFields: [String] { self["properties"]?.objectMembers?.map(\.key) ?? [] }

    /// The pointer of every value under this one (itself included) that has `keyword`.
    func pointers(withKeyword keyword: String, at pointer: String = "") -> [String] {
        switch self {
        case let .object(members):
            let own = members.contains { $0.key == keyword } ? [pointer] : []
            return own + members.flatMap { $0.value.pointers(withKeyword: keyword, at: pointer + "/" + Self.escaped($0.key)) }
        case let .array(items):
            return items.enumerated().flatMap { $0.element.pointers(withKeyword: keyword, at: pointer + "/\($0.offset)") }
        default:
            return []
        }
    }

    private static func escaped(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
