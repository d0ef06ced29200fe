/// Text with `{name}` placeholders, as matrix steps write ids, prompts, references and paths.
/// `{{` and `}}` stand for literal braces; anything else in braces that is not a name is kept
/// as written.
struct MatrixTemplate {
    enum Piece: Equatable {
        case literal(String)
        case placeholder(String)
    }

    let pieces: [Piece]

    init(_ text: String) {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let first = rest.first {
            if rest.hasPrefix("{{") || rest.hasPrefix("}}") {
                literal.append(first)
                rest = rest.dropFirst(2)
            } else if first == "{", let close = rest.firstIndex(of: "}"),
                      case let name = rest[rest.index(after: rest.startIndex)..<close], MatrixTemplate.isName(name) {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.placeholder(String(name)))
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(first)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    var placeholders: [String] {
        pieces.compactMap { if case let .placeholder(name) = $0 { name } else { nil } }
    }

    /// The text with the placeholders `values` names replaced and the escapes resolved. Others
    /// are written back as they were: `{index}` in an output path names the image, not a
    /// combination, and is the output's to fill in.
    func resolved(_ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case let .literal(text): text
            case let .placeholder(name): values[name] ?? "{\(name)}"
            }
        }.joined()
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, the names a matrix variable may have.
    static func isName(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, !isDigit(first) else { return false }
        return text.utf8.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
