extension ProgressRenderer {
    /// One figure of the totals line, in its long and short forms; `rank` says which go first
    /// when the line is too narrow for all of them (lowest first).
    private struct Figure {
        var long: StyledLine
        var short: StyledLine
        var rank: Int

        init(_ long: StyledLine, short: StyledLine? = nil, rank: Int) {
            self.long = long
            self.short = short ?? long
            self.rank = rank
        }
    }

    /// `16 running · 3 waiting on rate limits · 1581 queued · 2 failed · $18.40 spent · 1h05m elapsed`;
    /// when that is wider than `width`, the short forms (`3 waiting`, `$18.40`), thinned least
    /// important first (elapsed, queued, waiting, cost) until they fit.
    static func totals(_ state: RunState, now: Duration, width: Int) -> StyledLine {
        var figures = totalsFigures(state, now: now)
        let long = StyledLine.joined(figures.map(\.long), separator: " · ")
        if long.width <= width { return long }
        while true {
            let short = StyledLine.joined(figures.map(\.short), separator: " · ")
            guard short.width > width, figures.count > 1,
                  let least = figures.indices.min(by: { figures[$0].rank < figures[$1].rank }) else { return short }
            figures.remove(at: least)
        }
    }

    private static func totalsFigures(_ state: RunState, now: Duration) -> [Figure] {
        var figures = [Figure(StyledLine("\(state.running(at: now)) running"), rank: 6)]
        let waiting = state.waitingOnRateLimits(at: now)
        if waiting > 0 {
            figures.append(Figure(StyledLine("\(waiting) waiting on rate limits", .yellow),
                                  short: StyledLine("\(waiting) waiting", .yellow), rank: 3))
        }
        if let queued = state.queued { figures.append(Figure(StyledLine("\(queued) queued"), rank: 2)) }
        if state.failed > 0 { figures.append(Figure(StyledLine("\(state.failed) failed", .red), rank: 5)) }
        let cost = money(state.cost)
        figures.append(Figure(StyledLine(cost + " spent"), short: StyledLine(cost), rank: 4))
        let elapsed = (now - state.startedAt).compact
        figures.append(Figure(StyledLine(elapsed + " elapsed", .dim), short: StyledLine(elapsed, .dim), rank: 1))
        return figures
    }
}
