/// A JSON document as the manifest wrote it.
///
/// Objects keep their key order so that errors, `plan` output and pass-through `parameters`
/// read the way the user wrote them, and so hashing can sort keys explicitly when it needs a
/// canonical form.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(b): hasher.combine(b)
        case let .number(n): hasher.combine(n)
        case let .string(s): hasher.combine(s)
        case let .array(items): hasher.combine(items)
        case let .object(members):
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// The value for `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

extension JSONValue {
    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    public var numberValue: Double? {
        if case let .number(number) = self { return number }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(flag) = self { return flag }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(elements) = self { return elements }
        return nil
    }

    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case let .object(members) = self { return members }
        return nil
    }

    /// The value as messages name what was found: `number 3`, `string "big"`, `a list`. Long
    /// strings are shortened so one bad prompt does not flood the terminal.
    package var foundDescription: String {
        switch self {
        case .null: return "null"
        case let .bool(flag): return "boolean \(flag)"
        case let .number(number): return "number \(JSONValue.numberText(number))"
        case let .string(text): return text.isEmpty ? "an empty string" : "string \(JSONValue.quoted(text))"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// `"text"` as JSON writes it, cut after 60 characters.
    package static func quoted(_ text: String) -> String {
        let limit = 60
        guard text.count > limit else { return JSONValue.string(text).serialized() }
        return JSONValue.string(String(text.prefix(limit))).serialized().dropLast() + "…\""
    }
}
