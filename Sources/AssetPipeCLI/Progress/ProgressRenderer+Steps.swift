extension ProgressRenderer {
    /// The widest a step id may make its column before it is cut, and the narrowest it is cut to
    /// before a layout gives up a column instead.
    private static let idColumnLimits = (widest: 28, narrowest: 10)

    /// How the rows are laid out: with the model column or not, the notes long or short.
    private struct RowLayout {
        var showsModel: Bool
        var shortNotes: Bool
    }

    /// The active steps, oldest first, one row each, in aligned columns:
    /// `  hero-night  openai:gpt-image-1  1m12s · rate limit, 4s left`. When that is too wide, the
    /// id column narrows, then the model column goes, then the notes shorten
    /// (`rate limit 4s`); what still does not fit is cut. When there are more steps than
    /// `maxRows`, the last row says how many more.
    static func stepRows(_ state: RunState, now: Duration, width: Int, maxRows: Int) -> [StyledLine] {
        guard maxRows > 0 else { return [] }
        let steps = state.activeByAge
        let shown = steps.count > maxRows ? Array(steps.prefix(maxRows - 1)) : steps
        let idWidth = min(shown.map { TerminalText.width($0.id) }.max() ?? 0, idColumnLimits.widest)
        let modelWidth = shown.map { TerminalText.width($0.model.description) }.max() ?? 0
        let layouts = [RowLayout(showsModel: true, shortNotes: false), RowLayout(showsModel: false, shortNotes: false),
                       RowLayout(showsModel: false, shortNotes: true)]
        /// Columns left for the id in `layout`, after the gaps, the model and the widest status.
        func idRoom(_ layout: RowLayout) -> Int {
            let statusWidth = shown.map { status(of: $0, now: now, short: layout.shortNotes).width }.max() ?? 0
            return width - statusWidth - (layout.showsModel ? 6 + modelWidth : 4)
        }
        let narrowest = min(idWidth, idColumnLimits.narrowest)
        let layout = layouts.first { idRoom($0) >= narrowest } ?? layouts[layouts.count - 1]
        let idColumn = max(min(idWidth, idRoom(layout)), narrowest)
        var rows = shown.map { step in
            var row = "  " + padded(step.id, to: idColumn, .bold)
            if layout.showsModel { row = row + "  " + padded(step.model.description, to: modelWidth, .dim) }
            return row + "  " + status(of: step, now: now, short: layout.shortNotes)
        }
        if shown.count < steps.count { rows.append(StyledLine("  +\(steps.count - shown.count) more", .dim)) }
        return rows
    }

    /// How long the step has been going, and what holds it back: `1m12s`, `12s · attempt 2/4`,
    /// `40s · rate limit, 4s left`, `3s · Retry-After, 28s left`, `8s · retry 2/4 in 3s`; short,
    /// `rate limit 4s` and `Retry-After 28s`.
    private static func status(of step: RunState.ActiveStep, now: Duration, short: Bool) -> StyledLine {
        let elapsed = StyledLine((now - step.startedAt).compact)
        let attempt = "\(step.attempt)" + (step.maxAttempts.map { "/\($0)" } ?? "")
        guard let hold = step.hold(at: now) else {
            return step.attempt > 1 ? elapsed + StyledLine(" · attempt \(attempt)") : elapsed
        }
        let left = (hold.until - now).compact
        let note = switch hold.cause {
        case .pace: StyledLine(short ? "rate limit \(left)" : "rate limit, \(left) left", .yellow)
        case .retryAfter: StyledLine(short ? "Retry-After \(left)" : "Retry-After, \(left) left", .yellow)
        case .backoff: StyledLine("retry \(attempt) in \(left)")
        }
        return elapsed + " · " + note
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    private static func padded(_ text: String, to width: Int, _ style: StyledLine.Style) -> StyledLine {
        let cut = TerminalText.truncated(text, to: width)
        return StyledLine(cut, style) + StyledLine(String(repeating: " ", count: max(width - TerminalText.width(cut), 0)))
    }
}
