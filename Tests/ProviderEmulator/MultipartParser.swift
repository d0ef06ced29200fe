import Foundation

/// One part of a multipart/form-data body. A part with a `filename` is a file; the others are
/// form fields.
struct MultipartPart: Sendable {
    var name: String
    var filename: String?
    var contentType: String?
    var data: Data
}

/// Parses multipart/form-data bodies (RFC 7578) byte-exactly: file parts are binary and may hold
/// CRLF sequences and anything that looks like a header; only the full delimiter
/// `CRLF--boundary` ends a part.
enum MultipartParser {
    struct Failure: Error, Equatable {
        let reason: String
    }

    /// The boundary parameter of a `multipart/form-data` Content-Type, unquoted.
    static func boundary(fromContentType contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "="),
                  piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let unquoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                ? String(value.dropFirst().dropLast()) : value
            return unquoted.isEmpty ? nil : unquoted
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) throws(Failure) -> [MultipartPart] {
        let bytes = [UInt8](body)
        let opening = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        guard let first = find(opening, in: bytes, from: 0) else { throw Failure(reason: "no opening boundary") }
        var cursor = first + opening.count
        var parts: [MultipartPart] = []
        while true {
            if bytes.count >= cursor + 2, bytes[cursor] == UInt8(ascii: "-"), bytes[cursor + 1] == UInt8(ascii: "-") {
                return parts
            }
            cursor = skipLinearWhitespace(bytes, from: cursor)
            guard bytes.count >= cursor + 2, bytes[cursor] == 0x0D, bytes[cursor + 1] == 0x0A else {
                throw Failure(reason: "boundary not followed by CRLF")
            }
            cursor += 2
            guard let headEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: cursor) else {
                throw Failure(reason: "part headers not terminated")
            }
            let headers = String(decoding: bytes[cursor..<headEnd], as: UTF8.self)
            let dataStart = headEnd + 4
            guard let dataEnd = delimiterEnd(delimiter, in: bytes, from: dataStart) else {
                throw Failure(reason: "part not closed by a boundary")
            }
            parts.append(try part(headers: headers, data: Data(bytes[dataStart..<dataEnd])))
            cursor = dataEnd + delimiter.count
        }
    }

    private static func part(headers: String, data: Data) throws(Failure) -> MultipartPart {
        var disposition: [String: String] = [:]
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(reason: "bad part header") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition": disposition = parameters(of: value)
            case "content-type": contentType = value
            default: break
            }
        }
        guard let name = disposition["name"] else { throw Failure(reason: "part without a name") }
        return MultipartPart(name: name, filename: disposition["filename"], contentType: contentType, data: data)
    }

    /// `form-data; name="image[]"; filename="a.png"` → `["name": "image[]", "filename": "a.png"]`.
    /// Quoted values may contain `;`, so this scans rather than splits.
    static func parameters(of value: String) -> [String: String] {
        var result: [String: String] = [:]
        var characters = Substring(value)
        if let semicolon = characters.firstIndex(of: ";") {
            characters = characters[characters.index(after: semicolon)...]
        } else {
            return result
        }
        while !characters.isEmpty {
            characters = characters.drop { $0 == " " || $0 == ";" || $0 == "\t" }
            guard let equals = characters.firstIndex(of: "=") else { break }
            let key = characters[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            characters = characters[characters.index(after: equals)...]
            var parsed = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var escaped = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    if escaped {
                        parsed.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        parsed.append(character)
                    }
                }
            } else {
                let end = characters.firstIndex(of: ";") ?? characters.endIndex
                parsed = characters[..<end].trimmingCharacters(in: .whitespaces)
                characters = characters[end...]
            }
            result[key] = parsed
        }
        return result
    }

    /// The next delimiter that really ends a part: followed by `--` or by optional whitespace and
    /// CRLF. Bytes like `CRLF--boundary-suffix` inside a file stay part of its data.
    private static func delimiterEnd(_ delimiter: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var searchFrom = start
        while let candidate = find(delimiter, in: bytes, from: searchFrom) {
            let after = skipLinearWhitespace(bytes, from: candidate + delimiter.count)
            let next = candidate + delimiter.count
            if bytes.count >= next + 2, bytes[next] == UInt8(ascii: "-"), bytes[next + 1] == UInt8(ascii: "-") { return candidate }
            if bytes.count >= after + 2, bytes[after] == 0x0D, bytes[after + 1] == 0x0A { return candidate }
            searchFrom = candidate + 1
        }
        return nil
    }

    private static func skipLinearWhitespace(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
