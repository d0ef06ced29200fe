/// Lays out compact JSON text with a 2-space indent, one member or element per line, `": "`
/// between key and value, and `{}` / `[]` for empty containers.
///
/// Files meant to be committed (the lockfile) need a layout that reads well in diffs and does not
/// depend on the Foundation version's pretty printer; re-indenting the compact encoding keeps
/// `Codable` the one definition of the content.
enum IndentedJSON {
    /// `compact` must be valid JSON without insignificant whitespace (`JSONEncoder`'s default).
    static func layout(_ compact: some Sequence<UInt8>) -> [UInt8] {
        let input = Array(compact)
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        for (index, byte) in input.enumerated() {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(byte)
                let next = index + 1 < input.count ? input[index + 1] : 0
                if next != UInt8(ascii: "}") && next != UInt8(ascii: "]") {
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let previous = index > 0 ? input[index - 1] : 0
                if previous != UInt8(ascii: "{") && previous != UInt8(ascii: "[") {
                    depth -= 1
                    newline()
                }
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newline()
            case UInt8(ascii: ":"):
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
            default:
                out.append(byte)
            }
        }
        return out
    }
}
