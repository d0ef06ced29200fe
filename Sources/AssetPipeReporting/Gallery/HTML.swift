/// Report text made safe to place in the gallery's HTML. Every field of a report is data — a
/// prompt may well contain `<script>` — so each one passes through `escaped` on its way into
/// element text or an attribute value.
///
/// XML's escaping of a double-quoted attribute value serves both: it escapes every character
/// either context gives meaning to (`&`, `<`, `>`, `"`; the gallery quotes every attribute with
/// `"`) and replaces the control characters neither may carry.
enum HTML {
    static func escaped(_ text: String) -> String {
        XMLText.attribute(text)
    }
}
