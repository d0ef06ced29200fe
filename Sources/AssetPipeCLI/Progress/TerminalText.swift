/// Text as a terminal shows it: the columns it takes, cut to fit without wrapping, and cleared
/// of control characters. Step ids, models and provider messages go on screen as they are, so
/// a newline in an error or an escape sequence in a hostile answer must not reach the terminal
/// (it would break the live block's geometry, or drive the terminal).
enum TerminalText {
    /// Columns `text` takes.
    static func width(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + columns(of: $1) }
    }

    /// Columns one character takes: 2 for wide East Asian characters and emoji, 0 for marks
    /// and format characters on their own, 1 otherwise (`✓ ✗ ↻ ⤳ … █ ░` among them).
    static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation || $0 == "\u{FE0F}" }) || isWide(first) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return 1
        }
    }

    /// `text` in at most `width` columns; when it had to be cut, it ends with `…`.
    static func truncated(_ text: String, to width: Int) -> String {
        guard Self.width(text) > width else { return text }
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let columns = columns(of: character)
            if used + columns > width - 1 { break }
            kept.append(character)
            used += columns
        }
        return kept + "…"
    }

    /// `text` with every control character (newlines, tabs, escapes, C1 codes) as a space.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F): Hangul Jamo, CJK
    /// and its punctuation, kana, Hangul syllables, compatibility forms, fullwidth forms and the
    /// supplementary ideographic planes.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        wideRanges.contains { $0.contains(scalar.value) }
    }
}
