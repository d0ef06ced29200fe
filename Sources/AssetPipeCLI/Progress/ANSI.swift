/// The terminal control sequences assetpipe writes, each defined once; only the live block
/// writes them, and only to a terminal.
enum ANSI {
    private static let csi = "\u{1B}["

    /// Erases from the cursor to the end of its line.
    static let eraseToEndOfLine = csi + "K"
    /// Erases the cursor's whole line. (Never "erase below" from the top of the screen: tmux
    /// and others take that for clearing the screen and push what was on it into the
    /// scrollback.)
    static let eraseLine = csi + "2K"
    static let hideCursor = csi + "?25l"
    static let showCursor = csi + "?25h"

    static func cursorUp(_ lines: Int) -> String {
        lines > 0 ? csi + "\(lines)A" : ""
    }

    /// Select Graphic Rendition: `parameters` on, then everything off again.
    static func styled(_ text: String, _ parameters: String) -> String {
        csi + parameters + "m" + text + csi + "0m"
    }
}
