import AssetPipeEngine

/// What the progress views show, as pure functions of the run's state and the time: the live
/// block a terminal redraws, and the heartbeat line a CI log gets. Nothing here reads a clock,
/// a terminal or the environment, so every layout is tested by calling it.
enum ProgressRenderer {
    /// The live block: a bar with images done of the total and the ETA, a line of totals, then
    /// the active steps oldest first. At most `maxLines` lines, none wider than `width`
    /// columns; styled, to be written with colour or without.
    static func frame(_ state: RunState, now: Duration, width: Int, maxLines: Int) -> [StyledLine] {
        let batches = batchRows(state)
        let lines = [header(state, now: now, width: width), totals(state, now: now, width: width)] + batches
            + stepRows(state, now: now, width: width, maxRows: maxLines - 2 - batches.count)
        return lines.prefix(max(maxLines, 1)).map { $0.truncated(to: width) }
    }

    /// The line a log gets when nothing else has been printed for a while:
    /// `… 412/2000 images, 16 running, 3 waiting on rate limits, $18.40 spent, ETA 1h12m`
    /// (with `, 2 failed` before the cost once something failed).
    static func heartbeat(_ state: RunState, now: Duration) -> String {
        var parts = [imagesDone(state), "\(state.running(at: now)) running",
                     "\(state.waitingOnRateLimits(at: now)) waiting on rate limits"]
        if state.failed > 0 { parts.append("\(state.failed) failed") }
        parts.append("\(money(state.cost)) spent")
        parts.append(state.eta(at: now).map { "ETA \($0.compact)" } ?? "ETA unknown")
        return "… " + parts.joined(separator: ", ")
    }

    /// A line per open batch, oldest id first: `batch_abc  openai:gpt-image-1  in_progress 12/40`.
    static func batchRows(_ state: RunState) -> [StyledLine] {
        state.batches.values.sorted { $0.batchID < $1.batchID }.map { batch in
            StyledLine("  \(batch.batchID)  \(batch.model)  \(batch.status.rawValue) \(batch.completed + batch.failed)/\(batch.total)", .dim)
        }
    }

    /// USD at a glance: to the cent from $1 on, to the tenth of a cent below (where a run of
    /// cheap images lives).
    static func money(_ usd: Double) -> String {
        usd >= 1 || usd == 0 ? "$" + String(format: "%.2f", usd) : USD(usd)
    }

    /// `412/2000 images`, or `412 images` before the plan is known.
    private static func imagesDone(_ state: RunState) -> String {
        state.plan.map { "\(state.imagesDone)/\($0.images) images" } ?? "\(state.imagesDone) images"
    }

    /// The bar and the counts: the widest variant that leaves room for a bar of `minimumBar`
    /// columns, then the widest that fits without a bar.
    private static func header(_ state: RunState, now: Duration, width: Int) -> StyledLine {
        guard let plan = state.plan else { return StyledLine(imagesDone(state) + " done") }
        let done = min(state.imagesDone, plan.images)
        let percent = plan.images > 0 ? done * 100 / plan.images : 100
        let eta = state.eta(at: now).map { "ETA \($0.compact)" }
        let counts = "\(done)/\(plan.images)"
        let variants = [[counts + " images", "\(percent)%", eta], [counts, "\(percent)%", eta], [counts, eta], [counts]]
            .map { StyledLine($0.compactMap { $0 }.joined(separator: " · ")) }
        let minimumBar = 10
        if let text = variants.first(where: { width - 1 - $0.width >= minimumBar }) {
            let barWidth = min(width - 1 - text.width, 40)
            return bar(done: done, total: plan.images, width: barWidth) + " " + text
        }
        return variants.first { $0.width <= width } ?? variants[variants.count - 1]
    }

    private static func bar(done: Int, total: Int, width: Int) -> StyledLine {
        let filled = total > 0 ? done * width / total : width
        return StyledLine(String(repeating: "█", count: filled), .green)
            + StyledLine(String(repeating: "░", count: width - filled), .dim)
    }
}
