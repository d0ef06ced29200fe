/// A strict reader of the gallery's HTML, so specs check its structure without a browser.
///
/// Stricter than HTML itself: after `<!DOCTYPE html>`, every element that is not void is closed
/// explicitly and in order, attribute values are double-quoted, `&` only starts a known
/// character reference, `<` and `>` never appear raw in text or values, no attribute repeats,
/// and `<script>`/`<style>` hold no closing tag of their own. A page this accepts has one
/// reading, the same in every browser.
struct StrictHTML: Sendable {
    struct Element: Sendable {
        var name: String
        var attributes: [String: String]
        var children: [Node]

        subscript(attribute: String) -> String? { attributes[attribute] }

        /// The text of this element and all below it, character references decoded.
        var text: String {
            children.map { node in
                switch node {
                case let .text(text): text
                case let .element(element): element.text
                }
            }.joined()
        }

        /// Every element below this one, in document order.
        var descendants: [Element] {
            children.flatMap { node -> [Element] in
                guard case let .element(element) = node else { return [] }
                return [element] + element.descendants
            }
        }

        func all(_ name: String) -> [Element] { descendants.filter { $0.name == name } }

        func hasClass(_ name: String) -> Bool {
            (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
        }
    }

    enum Node: Sendable {
        case element(Element)
        case text(String)
    }

    struct Problem: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "HTML problem at byte \(offset): \(message)" }
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                            "source", "track", "wbr"]
    static let rawTextElements: Set<String> = ["script", "style"]

    /// The `<html>` element.
    let root: Element

    init(parsing text: String) throws(Problem) {
        var reader = Reader(bytes: Array(text.utf8))
        root = try reader.document()
    }
}

/// The parser behind `StrictHTML`: one pass over the bytes with a stack of open elements.
private struct Reader {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(StrictHTML.Problem) -> StrictHTML.Element {
        try expect("<!DOCTYPE html>")
        var stack = [StrictHTML.Element(name: "#document", attributes: [:], children: [])]
        while offset < bytes.count {
            if starts(with: "</") {
                let name = try endTag()
                guard stack.count > 1, let open = stack.last, open.name == name else {
                    throw problem("</\(name)> does not close the open <\(stack.last?.name ?? "")>")
                }
                stack.removeLast()
                stack[stack.count - 1].children.append(.element(open))
            } else if starts(with: "<!--") {
                try skipComment()
            } else if starts(with: "<") {
                var element = try startTag()
                if StrictHTML.rawTextElements.contains(element.name) {
                    element.children = [.text(try rawText(closing: element.name))]
                    stack[stack.count - 1].children.append(.element(element))
                } else if StrictHTML.voidElements.contains(element.name) {
                    stack[stack.count - 1].children.append(.element(element))
                } else {
                    stack.append(element)
                }
            } else {
                let text = try characters(until: UInt8(ascii: "<"))
                stack[stack.count - 1].children.append(.text(text))
            }
        }
        guard stack.count == 1 else { throw problem("unclosed <\(stack.map(\.name).dropFirst().joined(separator: "> <"))>") }
        let roots = stack[0].children.compactMap { node -> StrictHTML.Element? in
            if case let .element(element) = node { element } else { nil }
        }
        guard roots.count == 1, let html = roots.first, html.name == "html" else {
            throw problem("expected one <html> element at the top, found \(roots.map(\.name))")
        }
        return html
    }

    private mutating func startTag() throws(StrictHTML.Problem) -> StrictHTML.Element {
        offset += 1
        let name = try identifier()
        var attributes: [String: String] = [:]
        while true {
            let spaced = skipSpaces()
            if peek() == UInt8(ascii: ">") { offset += 1; break }
            guard spaced else { throw problem("expected a space or > in <\(name)>") }
            let attribute = try identifier()
            var value = ""
            if peek() == UInt8(ascii: "=") {
                offset += 1
                guard peek() == UInt8(ascii: "\"") else { throw problem("\(attribute)= must be double-quoted in <\(name)>") }
                offset += 1
                value = try characters(until: UInt8(ascii: "\""))
                offset += 1
            }
            guard attributes.updateValue(value, forKey: attribute) == nil else {
                throw problem("attribute \(attribute) repeats in <\(name)>")
            }
        }
        return StrictHTML.Element(name: name, attributes: attributes, children: [])
    }

    private mutating func endTag() throws(StrictHTML.Problem) -> String {
        offset += 2
        let name = try identifier()
        guard peek() == UInt8(ascii: ">") else { throw problem("expected > after </\(name)") }
        offset += 1
        return name
    }

    /// Lowercase letters, digits and `-`, starting with a letter.
    private mutating func identifier() throws(StrictHTML.Problem) -> String {
        let start = offset
        while let byte = peek(), (0x61...0x7A).contains(byte) || (offset > start && ((0x30...0x39).contains(byte) || byte == 0x2D)) {
            offset += 1
        }
        guard offset > start else { throw problem("expected a lowercase name") }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// Text up to `end` (not consumed), with character references decoded; `<` and `>` refused.
    private mutating func characters(until end: UInt8) throws(StrictHTML.Problem) -> String {
        var decoded: [UInt8] = []
        while let byte = peek(), byte != end {
            switch byte {
            case UInt8(ascii: "<") where end != UInt8(ascii: "<"), UInt8(ascii: ">"):
                throw problem("raw \(Character(Unicode.Scalar(byte))) in text or an attribute value")
            case UInt8(ascii: "&"):
                decoded += try reference()
            default:
                decoded.append(byte)
                offset += 1
            }
        }
        guard peek() == end || end == UInt8(ascii: "<") else { throw problem("the file ends inside an attribute value") }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` or a decimal `&#10;`.
    private mutating func reference() throws(StrictHTML.Problem) -> [UInt8] {
        let named: [String: String] = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
        for (reference, character) in named where starts(with: reference) {
            offset += reference.utf8.count
            return Array(character.utf8)
        }
        let digits = bytes[(offset + 2)...].prefix { (0x30...0x39).contains($0) }
        if starts(with: "&#"), !digits.isEmpty, digits.count < 8, offset + 2 + digits.count < bytes.count,
           bytes[offset + 2 + digits.count] == UInt8(ascii: ";"),
           let value = UInt32(String(decoding: digits, as: UTF8.self)), let scalar = Unicode.Scalar(value) {
            offset += 3 + digits.count
            return Array(String(Character(scalar)).utf8)
        }
        throw problem("& that does not start &amp; &lt; &gt; &quot; &#39; or a decimal reference")
    }

    /// Everything up to `</name>`; any `</name` (in any case) ends it, so it must be that tag.
    private mutating func rawText(closing name: String) throws(StrictHTML.Problem) -> String {
        let start = offset
        let opening = Array("</\(name)".utf8)
        while offset < bytes.count,
              !(bytes.count - offset >= opening.count
                && bytes[offset..<offset + opening.count].map { $0 | 0x20 }.elementsEqual(opening.map { $0 | 0x20 })) {
            offset += 1
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard starts(with: opening + [UInt8(ascii: ">")]) else { throw problem("<\(name)> is not closed by </\(name)>") }
        offset += opening.count + 1
        return text
    }

    private mutating func skipComment() throws(StrictHTML.Problem) {
        while offset < bytes.count, !starts(with: "-->") { offset += 1 }
        guard starts(with: "-->") else { throw problem("unclosed comment") }
        offset += 3
    }

    private mutating func expect(_ text: String) throws(StrictHTML.Problem) {
        guard starts(with: text) else { throw problem("expected \(text)") }
        offset += text.utf8.count
    }

    /// Skips spaces and newlines; whether there were any.
    private mutating func skipSpaces() -> Bool {
        let start = offset
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { offset += 1 }
        return offset > start
    }

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func starts(with text: String) -> Bool { starts(with: Array(text.utf8)) }

    private func starts(with prefix: [UInt8]) -> Bool {
        bytes.count - offset >= prefix.count && bytes[offset..<offset + prefix.count].elementsEqual(prefix)
    }

    private func problem(_ message: String) -> StrictHTML.Problem {
        StrictHTML.Problem(message: message, offset: offset)
    }
}
