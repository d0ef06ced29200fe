import AssetPipe
import Foundation

/// Serialises response bodies from `JSONValue`, in the key order the routes build them, so wire
/// bytes are deterministic and read like the real APIs' responses.
enum JSONWriter {
    static func data(_ value: JSONValue) -> Data {
        var out = ""
        write(value, into: &out)
        return Data(out.utf8)
    }

    private static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .number(number): out += format(number)
        case let .string(text): writeString(text, into: &out)
        case let .array(items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
        }
    }

    /// Integral values print without a fraction (`"n":2`, not `2.0`), as every real API does.
    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return String(number)
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Typed reads of a request's JSON fields. A wrapper rather than an extension on `JSONValue`, so
/// that accessors added to `AssetPipe` later cannot collide with these.
struct JSONFields: Sendable {
    let value: JSONValue

    subscript(key: String) -> JSONValue? { value[key] }

    func string(_ key: String) -> String? {
        if case let .string(text)? = value[key] { return text }
        return nil
    }

    /// Integers only: `"n": 2.5` or `"n": "2"` is a type error the routes report.
    func int(_ key: String) -> Int? {
        if case let .number(number)? = value[key], number == number.rounded(), abs(number) < 1e15 {
            return Int(number)
        }
        return nil
    }

    func bool(_ key: String) -> Bool? {
        if case let .bool(flag)? = value[key] { return flag }
        return nil
    }

    func has(_ key: String) -> Bool {
        guard let field = value[key] else { return false }
        return field != .null
    }
}
