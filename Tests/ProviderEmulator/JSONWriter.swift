import AssetPipe
import Foundation

/// Serialises response bodies from `JSONValue`, in the key order the routes build them, so wire
/// bytes are deterministic and read like the real APIs' responses.
enum JSONWriter {
    static func data(_ value: JSONValue) -> Data {
        var out: [UInt8] = []
        write(value, into: &out)
        return Data(out)
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case let .bool(flag): out += Array((flag ? "true" : "false").utf8)
        case let .number(number): out += Array(format(number).utf8)
        case let .string(text): writeString(text, into: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
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

    /// Copies runs of bytes that need no escaping in one go: a response's `b64_json` is megabytes
    /// of plain ASCII, and escaping it character by character cost tens of milliseconds per image.
    /// Bytes from 0x80 up belong to multi-byte UTF-8 sequences, which JSON carries as they are.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                out.append(contentsOf: bytes[runStart..<index])
                out += escape(byte)
                runStart = index + 1
            }
            out.append(contentsOf: bytes[runStart...])
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "\""): return Array("\\\"".utf8)
        case UInt8(ascii: "\\"): return Array("\\\\".utf8)
        case UInt8(ascii: "\n"): return Array("\\n".utf8)
        case UInt8(ascii: "\r"): return Array("\\r".utf8)
        case UInt8(ascii: "\t"): return Array("\\t".utf8)
        default:
            let hex = String(byte, radix: 16)
            return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        }
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
