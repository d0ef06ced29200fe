/// Report text made safe to place in the gallery's HTML. Every field of a report is data — a
/// prompt may well contain `<script>` — so each one passes through `escaped` on its way into
/// element text or a double-quoted attribute value; one function serves both, since it escapes
/// everything either context gives meaning to.
enum HTML {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            // Other control characters are parse errors in HTML; show them as the replacement
            // character rather than pass them on.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
