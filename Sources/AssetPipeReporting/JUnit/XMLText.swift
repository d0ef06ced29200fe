/// Text made safe for XML 1.0: markup characters escaped, and characters XML cannot carry at
/// all (most control characters) replaced, since a provider's error message may hold anything.
enum XMLText {
    /// For element content.
    static func content(_ text: String) -> String {
        escape(text, attribute: false)
    }

    /// For a double-quoted attribute value: quotes and line breaks escaped too, so parsers keep
    /// the newlines instead of normalising them to spaces.
    static func attribute(_ text: String) -> String {
        escape(text, attribute: true)
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where attribute: escaped += "&quot;"
            case "\n" where attribute: escaped += "&#10;"
            case "\r" where attribute: escaped += "&#13;"
            case "\t" where attribute: escaped += "&#9;"
            case "\n", "\r", "\t": escaped.unicodeScalars.append(scalar)
            default:
                escaped.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// XML 1.0's `Char` production.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
