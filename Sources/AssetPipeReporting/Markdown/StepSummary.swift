import Foundation

/// The run as GitHub Actions' job summary shows it (`$GITHUB_STEP_SUMMARY`): a headline with the
/// totals, then a table of the steps, failures first, so the one line that matters is at the
/// top of a 2,000-step run. GitHub caps a summary at 1 MiB, so the table stops at `maximumRows`
/// and points at the report for the rest.
public enum StepSummary {
    public static let maximumRows = 300

    public static func render(_ report: ReportDocument) -> String {
        let totals = report.totals
        var lines = ["### assetpipe: \(report.manifest) — \(headline(report.result))", ""]
        var facts = ["\(totals.generated) generated", "\(totals.cached + totals.outputsRerendered) from cache",
                     "\(totals.failed) failed", "\(totals.skipped) skipped"]
        if totals.interrupted > 0 { facts.append("\(totals.interrupted) interrupted") }
        facts += ["\(totals.requests) requests", "\(totals.filesWritten) files written", money(totals.spent) + " spent"]
        if totals.savedByCache > 0 { facts.append(money(totals.savedByCache) + " saved by the cache") }
        if let saved = totals.savedByBatch, saved > 0 { facts.append(money(saved) + " saved by the Batch API") }
        facts.append(String(format: "%.1f s", report.seconds))
        lines += [facts.joined(separator: " · "), ""]
        lines += ["| step | status | model | time | cost | outputs or reason |", "| --- | --- | --- | ---: | ---: | --- |"]
        let ordered = report.steps.filter { !$0.status.succeeded } + report.steps.filter(\.status.succeeded)
        lines += ordered.prefix(maximumRows).map(row)
        if ordered.count > maximumRows {
            lines += ["", "… and \(ordered.count - maximumRows) more steps: see the run report (`--report`)."]
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    private static func headline(_ result: ReportDocument.RunResult) -> String {
        switch result {
        case .finished: "finished"
        case .failed: "failed"
        case .interrupted: "interrupted"
        case .stoppedAtBudget: "stopped at the budget"
        }
    }

    private static func row(_ step: ReportDocument.StepEntry) -> String {
        let mark = step.status.succeeded ? "✅" : step.status == .failed ? "❌" : "⏭️"
        let detail = step.status.succeeded ? step.outputs.map { "`\($0.path)`" }.joined(separator: ", ") : (step.reason ?? "")
        let cells = ["`\(step.id)`", "\(mark) \(step.status.rawValue)", step.model.map { "`\($0)`" } ?? "",
                     String(format: "%.1f s", step.seconds), step.cost.map(money) ?? "", detail]
        return "| " + cells.map(cell).joined(separator: " | ") + " |"
    }

    /// Table cells hold one line and no column separator.
    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\r", with: " ").replacing("\n", with: " ")
    }

    private static func money(_ amount: Double) -> String {
        String(format: "$%.2f", amount)
    }
}
