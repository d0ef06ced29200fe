import Foundation

/// A JSON text that is not well-formed, located by line and column so an editor can jump to it.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var line: Int
    /// 1-based, counted in characters (Unicode scalars), not bytes.
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// An object key written twice. RFC 8259 leaves the meaning open and parsers disagree on which
/// value wins, so a manifest that relies on it is ambiguous and is rejected.
public struct JSONDuplicateKey: Sendable, Hashable {
    /// Path of the repeated member, e.g. `steps[2].prompt`.
    public var path: JSONPath
    public var line: Int
    public var column: Int

    public init(path: JSONPath, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }
}

/// A parsed document and the duplicate keys found in it. Duplicates do not stop parsing (the
/// first value is kept) so that the manifest loader can report them together with every other
/// problem.
public struct JSONDocument: Sendable {
    public var value: JSONValue
    public var duplicateKeys: [JSONDuplicateKey]
}

/// A strict RFC 8259 parser that keeps object key order.
///
/// Foundation's `JSONSerialization` loses key order, cannot say where a duplicate key is and
/// reports errors by byte offset; manifests need all three, and need to parse thousands of steps
/// in milliseconds, so assetpipe scans the bytes itself.
public enum JSONParser {
    /// Deeper documents are rejected rather than risking the stack: no manifest, lockfile or
    /// provider response comes close.
    public static let maximumDepth = 256

    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONDocument {
        let result: Result<JSONDocument, JSONSyntaxError> = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = JSONScanner(bytes: bytes)
            do throws(JSONScanError) {
                let value = try scanner.parseDocument()
                let duplicates = scanner.duplicateKeys.map { found in
                    let (line, column) = JSONScanner.location(of: found.offset, in: bytes)
                    return JSONDuplicateKey(path: found.path, line: line, column: column)
                }
                return .success(JSONDocument(value: value, duplicateKeys: duplicates))
            } catch {
                let (line, column) = JSONScanner.location(of: error.offset, in: bytes)
                return .failure(JSONSyntaxError(line: line, column: column, message: error.message))
            }
        }
        return try result.get()
    }

    /// Where every value of a well-formed `data` starts, by path: a second scan for messages
    /// about a document, made only when there is something to report.
    public static func positions(in data: Data) -> JSONPositions {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self), recordingPositions: true)
            _ = try? scanner.parseDocument()
            return JSONPositions(data: data, offsets: scanner.positions)
        }
    }
}

/// The text positions of a document's values, so a message about `steps[3].quality` can also
/// say `14:9`.
public struct JSONPositions: Sendable {
    private let data: Data
    private let offsets: [JSONPath: Int]

    init(data: Data, offsets: [JSONPath: Int]) {
        self.data = data
        self.offsets = offsets
    }

    /// The 1-based line and column of the value at `path`, or of its nearest ancestor that exists
    /// (a missing field is reported at the object that should hold it); nil for an empty document.
    public func location(of path: JSONPath) -> (line: Int, column: Int)? {
        var components = path.components
        while true {
            if let offset = offsets[JSONPath(components)] {
                return data.withUnsafeBytes { JSONScanner.location(of: offset, in: $0.bindMemory(to: UInt8.self)) }
            }
            guard !components.isEmpty else { return nil }
            components.removeLast()
        }
    }
}

extension JSONValue {
    /// Parses a JSON text strictly: a duplicate key is a syntax error here, since callers that
    /// want to report duplicates alongside other problems use `JSONParser.parse` instead.
    public init(parsing data: Data) throws(JSONSyntaxError) {
        let document = try JSONParser.parse(data)
        if let duplicate = document.duplicateKeys.first {
            throw JSONSyntaxError(line: duplicate.line, column: duplicate.column,
                                  message: "duplicate key at \(duplicate.path)")
        }
        self = document.value
    }

    public init(parsing text: String) throws(JSONSyntaxError) {
        try self.init(parsing: Data(text.utf8))
    }
}

/// A syntax problem at a byte offset; converted to line and column only when reported.
struct JSONScanError: Error {
    var message: String
    var offset: Int
}

/// The byte-level recursive-descent scanner behind `JSONParser`.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var path: [JSONPath.Component] = []
    private(set) var duplicateKeys: [(path: JSONPath, offset: Int)] = []
    /// Where each value starts, when recording (`JSONParser.positions`).
    private let recordingPositions: Bool
    private(set) var positions: [JSONPath: Int] = [:]

    init(bytes: UnsafeBufferPointer<UInt8>, recordingPositions: Bool = false) {
        self.bytes = bytes
        self.recordingPositions = recordingPositions
    }

    mutating func parseDocument() throws(JSONScanError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard offset == bytes.count else {
            throw error("unexpected \(describeCurrent()) after the end of the JSON document")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(JSONScanError) -> JSONValue {
        guard offset < bytes.count else { throw error("unexpected end of input; expected a value") }
        if recordingPositions { positions[JSONPath(path)] = offset }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONScanError) -> JSONValue {
        try checkDepth(depth)
        offset += 1
        var members: [(key: String, value: JSONValue)] = []
        // Small objects are searched linearly; a set is only built once an object grows.
        var keySet: Set<String>?
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                if peek() == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                throw error("expected a key in double quotes, found \(describeCurrent())")
            }
            let keyOffset = offset
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw error("expected ':' after the key \(JSONValue.string(key).serialized()), found \(describeCurrent())")
            }
            offset += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue(depth: depth)
            let isDuplicate: Bool
            if let inserted = keySet?.insert(key).inserted {
                isDuplicate = !inserted
            } else {
                isDuplicate = members.contains { $0.key == key }
                if !isDuplicate, members.count >= 16 { keySet = Set(members.map(\.key) + [key]) }
            }
            if isDuplicate {
                duplicateKeys.append((JSONPath(path), keyOffset))
            } else {
                members.append((key, value))
            }
            path.removeLast()
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return .object(members)
            default:
                throw error("expected ',' or '}' after an object member, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONScanError) -> JSONValue {
        try checkDepth(depth)
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            path.append(.index(elements.count))
            elements.append(try parseValue(depth: depth))
            path.removeLast()
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return .array(elements)
            default:
                throw error("expected ',' or ']' after an array element, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONScanError) -> JSONValue {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard offset + expected.count <= bytes.count,
              expected.indices.allSatisfy({ bytes[offset + $0] == expected[$0] }) else {
            throw error("expected a value, found \(describeCurrent())")
        }
        offset += expected.count
        return value
    }

    private func checkDepth(_ depth: Int) throws(JSONScanError) {
        guard depth <= JSONParser.maximumDepth else {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONScanError) -> Double {
        let start = offset
        var isInteger = true
        if peek() == UInt8(ascii: "-") { offset += 1 }
        guard isDigit(peek()) else { throw error("expected a digit after '-', found \(describeCurrent())") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if isDigit(peek()) { throw error("numbers cannot have leading zeros") }
        } else {
            skipDigits()
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard isDigit(peek()) else { throw error("expected a digit after the decimal point, found \(describeCurrent())") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard isDigit(peek()) else { throw error("expected a digit in the exponent, found \(describeCurrent())") }
            skipDigits()
        }
        // Up to 15 digits an integer is exact in a Double: skip the text conversion.
        if isInteger, offset - start <= 15 {
            var magnitude = 0
            var index = bytes[start] == UInt8(ascii: "-") ? start + 1 : start
            while index < offset {
                magnitude = magnitude * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            return Double(bytes[start] == UInt8(ascii: "-") ? -magnitude : magnitude)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONScanError(message: "number \(text) is out of range", offset: start)
        }
        return value
    }

    private mutating func skipDigits() {
        while isDigit(peek()) { offset += 1 }
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONScanError) -> String {
        let quote = offset
        offset += 1
        let start = offset
        var seenBytes: UInt8 = 0
        while offset < bytes.count {
            skipPlainASCII()
            guard offset < bytes.count else { break }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                let contents = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                // Pure ASCII needs no validation; anything else must be well-formed UTF-8.
                if seenBytes < 0x80 { return String(decoding: contents, as: UTF8.self) }
                return try validatedString(contents, startingAt: start)
            case UInt8(ascii: "\\"):
                return try parseEscapedString(contentStart: start, quote: quote)
            case 0..<0x20:
                throw controlCharacterError(byte)
            default:
                seenBytes |= byte
                offset += 1
            }
        }
        throw JSONScanError(message: "unterminated string", offset: quote)
    }

    /// Skips whole 8-byte words of printable ASCII other than `"` and `\\`: the bulk of long
    /// strings (a base64 image is hundreds of KB) is passed over a word at a time.
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // A byte is flagged when it is zero (after the XORs above), below 0x20, or 0x80 and up.
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
            guard special & highBits == 0 else { return }
            offset += 8
        }
    }

    /// The slow path, taken from the first backslash on.
    private mutating func parseEscapedString(contentStart: Int, quote: Int) throws(JSONScanError) -> String {
        var buffer = Array(bytes[contentStart..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return try buffer.withUnsafeBufferPointer { contents throws(JSONScanError) in
                    try validatedString(contents, startingAt: contentStart)
                }
            case UInt8(ascii: "\\"):
                try appendEscape(to: &buffer)
            case 0..<0x20:
                throw controlCharacterError(byte)
            default:
                buffer.append(byte)
                offset += 1
            }
        }
        throw JSONScanError(message: "unterminated string", offset: quote)
    }

    private mutating func appendEscape(to buffer: inout [UInt8]) throws(JSONScanError) {
        let escapeStart = offset
        offset += 1
        guard let letter = peek() else { throw JSONScanError(message: "unterminated string", offset: escapeStart) }
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(letter)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape(escapeStart: escapeStart)
            UTF8.encode(scalar) { buffer.append($0) }
        default:
            throw JSONScanError(message: "invalid escape sequence '\\\(Character(Unicode.Scalar(letter)))' in string",
                                offset: escapeStart)
        }
    }

    /// After `\u`: four hex digits, and for a high surrogate a second `\uDC00`–`\uDFFF` escape.
    private mutating func parseUnicodeEscape(escapeStart: Int) throws(JSONScanError) -> Unicode.Scalar {
        let first = try parseHexQuad(escapeStart: escapeStart)
        switch first {
        case 0xD800...0xDBFF:
            let lowStart = offset
            guard peek() == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                throw JSONScanError(message: "unpaired surrogate \\u\(hex(first)): a high surrogate must be followed by a \\uDC00-\\uDFFF escape",
                                    offset: escapeStart)
            }
            offset += 2
            let second = try parseHexQuad(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONScanError(message: "unpaired surrogate \\u\(hex(first)): \\u\(hex(second)) is not a low surrogate",
                                    offset: escapeStart)
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
        case 0xDC00...0xDFFF:
            throw JSONScanError(message: "unpaired surrogate \\u\(hex(first)): a low surrogate must follow a high one",
                                offset: escapeStart)
        default:
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        }
    }

    private mutating func parseHexQuad(escapeStart: Int) throws(JSONScanError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = hexDigitValue(byte) else {
                throw JSONScanError(message: "expected four hex digits after '\\u'", offset: escapeStart)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func validatedString(_ contents: UnsafeBufferPointer<UInt8>, startingAt start: Int) throws(JSONScanError) -> String {
        guard let string = String(validating: contents, as: UTF8.self) else {
            throw JSONScanError(message: "string is not valid UTF-8", offset: start)
        }
        return string
    }

    private func controlCharacterError(_ byte: UInt8) -> JSONScanError {
        let name: String
        switch byte {
        case 0x0A: name = "a line break (write \\n)"
        case 0x0D: name = "a carriage return (write \\r)"
        case 0x09: name = "a tab (write \\t)"
        default: name = "control character U+\(hex(UInt32(byte)))"
        }
        return error("unescaped \(name) inside a string")
    }

    // MARK: Position

    private func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> JSONScanError {
        JSONScanError(message: message, offset: offset)
    }

    /// The character at the current position, for "found …" in messages.
    private func describeCurrent() -> String {
        guard let byte = peek() else { return "end of input" }
        switch byte {
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0..<0x20, 0x7F: return "control character U+\(hex(UInt32(byte)))"
        default:
            var iterator = bytes[offset...].makeIterator()
            var decoder = UTF8()
            if case let .scalarValue(scalar) = decoder.decode(&iterator) { return "'\(Character(scalar))'" }
            return "a byte that is not valid UTF-8"
        }
    }

    /// 1-based line and column of a byte offset; columns count Unicode scalars.
    static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for byte in bytes[start..<max(start, min(offset, bytes.count))] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
