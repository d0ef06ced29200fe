/// The live block at the bottom of a terminal: the step printer's lines go above it and stay
/// in the scrollback, and the block below them is redrawn in place.
///
/// It never flickers: a frame is drawn at most every `minimumInterval`, only when its text or
/// the terminal's width changed, and when only some of its lines changed only those are
/// rewritten (`\r`, the text, erase to the end of the line); everything else goes out in one
/// write. The cursor rests on the block's last line and is hidden while the block is up.
struct LiveScreen: ProgressScreen {
    static let minimumInterval: Duration = .milliseconds(100)
    /// When the terminal cannot say.
    static let fallbackSize = Terminal.Size(columns: 80, rows: 24)

    var colour: Bool
    /// The terminal's size now, asked on every frame.
    var measure: @Sendable () -> Terminal.Size?
    /// The block on screen, as written, and the width it was written for.
    private var shown: [StyledLine] = []
    private var shownColumns = 0
    private var lastDraw: Duration?

    init(colour: Bool, measure: @escaping @Sendable () -> Terminal.Size?) {
        self.colour = colour
        self.measure = measure
    }

    /// Lines of the block for a terminal of `rows`: a third of it, between 3 and 10.
    static func height(rows: Int) -> Int {
        min(max(rows / 3, 3), 10)
    }

    mutating func update(_ run: RunState, lines: [String], now: Duration) -> String? {
        if let lastDraw, now - lastDraw < Self.minimumInterval { return nil }
        let size = measure() ?? Self.fallbackSize
        // One column stays free: a terminal that wraps as soon as the last column is written
        // would otherwise give a full line two rows, and the block's height would be wrong.
        let frame = ProgressRenderer.frame(run, now: now, width: max(size.columns - 1, 1), maxLines: Self.height(rows: size.rows))
        guard !lines.isEmpty || frame != shown || size.columns != shownColumns else { return nil }
        var text = shown.isEmpty ? ANSI.hideCursor : ""
        if lines.isEmpty, frame.count == shown.count, size.columns == shownColumns {
            text += rewrite(to: frame)
        } else {
            text += erase(columns: size.columns) + Self.above(lines) + frame.map { $0.rendered(colour: colour) }.joined(separator: "\n")
        }
        (shown, shownColumns, lastDraw) = (frame, size.columns, now)
        return text
    }

    mutating func close(_ run: RunState, lines: [String], now: Duration) -> String {
        guard !shown.isEmpty else { return Self.above(lines) }
        let text = erase(columns: measure()?.columns ?? shownColumns) + Self.above(lines) + ANSI.showCursor
        shown = []
        return text
    }

    var restoration: String { shown.isEmpty ? "" : "\n" + ANSI.showCursor }

    /// From the end of the block's last line, to its first, each changed line rewritten in place.
    private func rewrite(to frame: [StyledLine]) -> String {
        var text = "\r" + ANSI.cursorUp(shown.count - 1)
        for (index, line) in frame.enumerated() {
            if index > 0 { text += "\n" }
            if line != shown[index] { text += "\r" + line.rendered(colour: colour) + ANSI.eraseToEndOfLine }
        }
        return text
    }

    /// Every row of the block erased, one by one, and the cursor back at its start. The block
    /// was written for `shownColumns`; a terminal since narrowed has rewrapped each line that no
    /// longer fits onto several rows.
    private func erase(columns: Int) -> String {
        guard !shown.isEmpty else { return "" }
        let rows = shown.reduce(0) { rows, line in
            rows + (columns > 0 && line.width > columns ? (line.width + columns - 1) / columns : 1)
        }
        let up = "\r" + ANSI.cursorUp(rows - 1)
        return up + Array(repeating: ANSI.eraseLine, count: rows).joined(separator: "\n") + up
    }

    /// The printer's lines, to stay in the scrollback above the block.
    private static func above(_ lines: [String]) -> String {
        lines.map { TerminalText.sanitized($0) + "\n" }.joined()
    }
}
