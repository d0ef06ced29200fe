/// The fragment id of a step's card, e.g. `step-hero` for `hero`: what links between an edit
/// and the step it edits point at.
///
/// Step ids come from the report, which anyone can write, so the id is encoded rather than
/// trusted: letters, digits, `.` and `-` are kept, every other byte of its UTF-8 (`_` included)
/// becomes `_` and two hex digits. The encoding is one-to-one, so two steps never share an
/// anchor, and the result needs no escaping in an attribute or a URL fragment.
enum StepAnchor {
    static func id(for stepID: String) -> String {
        var anchor = "step-"
        for byte in stepID.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
                anchor.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                anchor += "_" + String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
            }
        }
        return anchor
    }

    /// The anchor of the `occurrence`-th card (from 1) with the same id, for a report that
    /// lists an id twice: `~` never appears in an encoded id, so these cannot collide.
    static func id(for stepID: String, occurrence: Int) -> String {
        occurrence == 1 ? id(for: stepID) : id(for: stepID) + "~\(occurrence)"
    }
}
