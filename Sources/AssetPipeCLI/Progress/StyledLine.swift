/// A line of the live block as pieces of text with a style each: measured and cut on the text
/// alone, so a colour code never counts as width nor gets cut in half, and written with colour
/// or without (`NO_COLOR`) from the same pieces.
struct StyledLine: Sendable, Equatable, ExpressibleByStringLiteral {
    enum Style: Sendable, Equatable {
        case plain, dim, bold, green, yellow, red

        /// The SGR parameters of the style; nil for plain text.
        var parameters: String? {
            switch self {
            case .plain: nil
            case .dim: "2"
            case .bold: "1"
            case .green: "32"
            case .yellow: "33"
            case .red: "31"
            }
        }
    }

    struct Span: Sendable, Equatable {
        var text: String
        var style: Style
    }

    private(set) var spans: [Span] = []

    init(_ text: String = "", _ style: Style = .plain) {
        if !text.isEmpty { spans = [Span(text: TerminalText.sanitized(text), style: style)] }
    }

    init(stringLiteral text: String) {
        self.init(text)
    }

    var text: String { spans.map(\.text).joined() }
    var width: Int { spans.reduce(0) { $0 + TerminalText.width($1.text) } }

    static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine {
        var joined = lhs
        joined.spans += rhs.spans
        return joined
    }

    /// The pieces joined by `separator`.
    static func joined(_ pieces: [StyledLine], separator: String) -> StyledLine {
        pieces.dropFirst().reduce(pieces.first ?? StyledLine()) { $0 + StyledLine(separator) + $1 }
    }

    /// The line in at most `width` columns, ending with `…` when it had to be cut.
    func truncated(to width: Int) -> StyledLine {
        guard self.width > width else { return self }
        var kept = StyledLine()
        var room = width - 1
        for span in spans {
            let spanWidth = TerminalText.width(span.text)
            if spanWidth > room {
                let cut = String(TerminalText.truncated(span.text, to: room + 1).dropLast())
                if !cut.isEmpty { kept.spans.append(Span(text: cut, style: span.style)) }
                break
            }
            kept.spans.append(span)
            room -= spanWidth
        }
        return kept + StyledLine(width > 0 ? "…" : "")
    }

    /// The line as the terminal receives it, with colour codes or without.
    func rendered(colour: Bool) -> String {
        spans.map { span in
            guard colour, let parameters = span.style.parameters else { return span.text }
            return ANSI.styled(span.text, parameters)
        }.joined()
    }
}
