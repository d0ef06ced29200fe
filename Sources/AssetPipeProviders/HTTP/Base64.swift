import Foundation

/// Strict standard base64 (RFC 4648 §4, padded), decoded straight from bytes.
///
/// Image answers carry hundreds of KB of base64 per image; Foundation's decoder goes through a
/// `String` and costs several times more. This one reads four characters per step through four
/// lookup tables whose entries are already shifted into place, so one OR per character builds
/// the three output bytes and one comparison catches any character outside the alphabet.
/// Anything that is not canonical padded base64 (whitespace, URL-safe letters, a length that is
/// not a multiple of four, padding before the end) is rejected, as `Data(base64Encoded:)` does.
enum Base64 {
    /// The decoded bytes, or nil when `text` is not valid base64.
    static func decode(_ text: UnsafeRawBufferPointer) -> Data? {
        guard text.count % 4 == 0 else { return nil }
        guard text.count > 0, let base = text.baseAddress else { return Data() }
        let quads = text.count / 4
        let padding = text[text.count - 1] == UInt8(ascii: "=") ? (text[text.count - 2] == UInt8(ascii: "=") ? 2 : 1) : 0
        let length = quads * 3 - padding
        // One spare byte: each full quad is stored as a 4-byte little-endian word, its fourth byte
        // overwritten by the next quad.
        let output = UnsafeMutableRawPointer.allocate(byteCount: quads * 3 + 1, alignment: 4)
        let valid = Tables.shared.withUnsafeBufferPointer { tables in
            decodeQuads(base, quads: quads, padding: padding, into: output, tables: tables)
        }
        guard valid else {
            output.deallocate()
            return nil
        }
        return Data(bytesNoCopy: output, count: length, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    static func decode(_ text: some StringProtocol) -> Data? {
        var text = String(text)
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    /// Every quad but the last as one word each; then the last, whose padding counts as `A` (zero bits).
    private static func decodeQuads(_ input: UnsafeRawPointer, quads: Int, padding: Int, into output: UnsafeMutableRawPointer,
                                    tables: UnsafeBufferPointer<UInt32>) -> Bool {
        @inline(__always) func word(at offset: Int, count: Int) -> UInt32 {
            var word: UInt32 = 0
            for position in 0..<count {
                word |= tables[position << 8 | Int(input.load(fromByteOffset: offset + position, as: UInt8.self))]
            }
            return word
        }
        var errors: UInt32 = 0
        for quad in 0..<(quads - 1) {
            let decoded = word(at: quad * 4, count: 4)
            errors |= decoded
            output.storeBytes(of: decoded.littleEndian, toByteOffset: quad * 3, as: UInt32.self)
        }
        let last = word(at: (quads - 1) * 4, count: 4 - padding)
        guard (errors | last) < Tables.invalid else { return false }
        for index in 0..<(3 - padding) {
            output.storeBytes(of: UInt8(truncatingIfNeeded: last >> (8 * index)), toByteOffset: (quads - 1) * 3 + index, as: UInt8.self)
        }
        return true
    }

    /// Four 256-entry tables, one per position in a quad: the character's six bits already at
    /// their place in the little-endian output word, or `invalid` for a character outside the
    /// alphabet (its bits above the 24 output bits survive any OR).
    private enum Tables {
        static let invalid: UInt32 = 0x0100_0000

        static let shared: [UInt32] = {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
            var tables = [UInt32](repeating: 0x01FF_FFFF, count: 1024)
            for (value, character) in alphabet.enumerated() {
                let bits = UInt32(value)
                let index = Int(character)
                tables[index] = bits << 2
                tables[256 + index] = (bits >> 4) | ((bits & 0x0F) << 12)
                tables[512 + index] = ((bits >> 2) << 8) | ((bits & 0x03) << 22)
                tables[768 + index] = bits << 16
            }
            return tables
        }()
    }
}
