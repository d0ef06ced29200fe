/// How a step's status reads in the gallery: a word and a symbol, so that it is told apart
/// without colour, and the CSS class (`st-failed`, …) that colours the badge and the card.
struct StatusBadge: Sendable, Equatable {
    var status: ReportDocument.StepStatus

    init(_ status: ReportDocument.StepStatus) {
        self.status = status
    }

    var label: String {
        switch status {
        case .generated: "generated"
        case .cached: "cached"
        case .outputsRerendered: "re-rendered"
        case .failed: "failed"
        case .skipped: "skipped"
        case .interrupted: "interrupted"
        }
    }

    var symbol: String {
        switch status {
        case .generated: "✓"
        case .cached: "↺"
        case .outputsRerendered: "⟳"
        case .failed: "✗"
        case .skipped: "⊘"
        case .interrupted: "⏸"
        }
    }

    var cssClass: String { "st-" + status.rawValue }

    /// `<span class="badge st-failed"><span aria-hidden="true">✗</span> failed</span>`.
    var html: String {
        "<span class=\"badge \(cssClass)\"><span aria-hidden=\"true\">\(symbol)</span> \(label)</span>"
    }
}
