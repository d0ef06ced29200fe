import Foundation

extension JSONValue {
    /// The value as JSON text: the one serializer of assetpipe (request bodies, cache keys,
    /// lockfile and report documents, the emulator's answers).
    ///
    /// `sortedKeys` orders object keys by their UTF-8 bytes, which gives one canonical text per
    /// value: lockfiles stay diff-stable and cache keys hash the same on every machine. Without
    /// it, keys keep the order they were written in. Integral numbers print without a fraction
    /// (`3`, not `3.0`; `-0` as `0`); other numbers use the shortest text that reads back as the
    /// same Double. JSON has no NaN or infinity, so those print as `null`. Only the escapes JSON
    /// requires are written, so compact output (`pretty: false`) has no insignificant whitespace.
    public func serialized(sortedKeys: Bool = false, pretty: Bool = false) -> String {
        String(decoding: serializedBytes(sortedKeys: sortedKeys, pretty: pretty), as: UTF8.self)
    }

    /// `serialized` as bytes, for a request body or a file.
    public func serializedData(sortedKeys: Bool = false, pretty: Bool = false) -> Data {
        Data(serializedBytes(sortedKeys: sortedKeys, pretty: pretty))
    }

    private func serializedBytes(sortedKeys: Bool, pretty: Bool) -> [UInt8] {
        var writer = JSONWriter(sortedKeys: sortedKeys, pretty: pretty)
        writer.write(self, depth: 0)
        return writer.output
    }

    /// How a number is written: integral values that fit an Int as digits, everything else in
    /// Swift's shortest round-tripping form (`0.1`, `1e-07`, `1e+20`), which is valid JSON.
    package static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if let integer = Int(exactly: number) { return String(integer) }
        return String(describing: number)
    }
}

/// Appends JSON text to a byte buffer; building bytes and decoding once is far cheaper than
/// concatenating Strings.
private struct JSONWriter {
    let sortedKeys: Bool
    let pretty: Bool
    var output: [UInt8] = []

    init(sortedKeys: Bool, pretty: Bool) {
        self.sortedKeys = sortedKeys
        self.pretty = pretty
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(number): output.append(contentsOf: JSONValue.numberText(number).utf8)
        case let .string(text): writeString(text)
        case let .array(elements):
            writeContainer(open: "[", close: "]", elements, depth: depth) { writer, element in
                writer.write(element, depth: depth + 1)
            }
        case let .object(members):
            let ordered = sortedKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
            writeContainer(open: "{", close: "}", ordered, depth: depth) { writer, member in
                writer.writeString(member.key)
                writer.output.append(UInt8(ascii: ":"))
                if writer.pretty { writer.output.append(UInt8(ascii: " ")) }
                writer.write(member.value, depth: depth + 1)
            }
        }
    }

    private mutating func writeContainer<Item>(open: Unicode.Scalar, close: Unicode.Scalar, _ items: [Item], depth: Int,
                                               writeItem: (inout JSONWriter, Item) -> Void) {
        output.append(UInt8(ascii: open))
        for (position, item) in items.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(depth: depth + 1)
            writeItem(&self, item)
        }
        if !items.isEmpty { newline(depth: depth) }
        output.append(UInt8(ascii: close))
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Runs of bytes that need no escape (all of a base64 image) are copied at once.
    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            output.reserveCapacity(output.count + bytes.count + 1)
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                writeEscape(byte)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
        case 0x0A: output.append(contentsOf: #"\n"#.utf8)
        case 0x0D: output.append(contentsOf: #"\r"#.utf8)
        case 0x09: output.append(contentsOf: #"\t"#.utf8)
        case 0x08: output.append(contentsOf: #"\b"#.utf8)
        case 0x0C: output.append(contentsOf: #"\f"#.utf8)
        default:
            let digits = String(byte, radix: 16)
            output.append(contentsOf: (#"\u00"# + (digits.count == 1 ? "0" : "") + digits).utf8)
        }
    }
}
