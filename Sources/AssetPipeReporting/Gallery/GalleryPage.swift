import AssetPipeEngine

/// `index.html`: one self-contained file — the run's header and totals, the filter box, a card
/// per step, inline style and script under a policy that lets nothing else load.
struct GalleryPage {
    var report: ReportDocument
    var layout: GalleryLayout
    var previews: [String: OutputPreview]
    var links: OutputLinks

    func html() -> String {
        var page = head()
        page.reserveCapacity(4096 + layout.cards.count * 1600)
        page += runHeader() + toolbar() + "<main class=\"grid\" id=\"steps\">\n"
        for card in layout.cards { page += StepCard(card: card, previews: previews, links: links).html() }
        page += "</main>\n" + footer() + "<script>\(GalleryScript.js)</script>\n</body>\n</html>\n"
        return page
    }

    private func head() -> String {
        let policy = ContentSecurityPolicy.header(style: GalleryStyle.css, script: GalleryScript.js)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(HTML.escaped(policy))">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="generator" content="assetpipe \(HTML.escaped(report.assetpipeVersion))">
        <title>\(HTML.escaped(report.manifest)) — assetpipe gallery</title>
        <style>\(GalleryStyle.css)</style>
        </head>
        <body>

        """
    }

    private func runHeader() -> String {
        let meta = ["started \(GalleryFormat.time(report.startedAt))", "took \(GalleryFormat.seconds(report.seconds))",
                    "assetpipe \(report.assetpipeVersion)"].map { "<span>\(HTML.escaped($0))</span>" }
        let outputs = "<span>outputs in <code>\(HTML.escaped(report.outputDir))</code></span>"
        let lockfile = report.lockfileError.map {
            "<p class=\"alert\"><strong>The lockfile was not written:</strong> \(HTML.escaped($0))</p>\n"
        } ?? ""
        return """
        <header class="run">
        <div class="run-title"><h1>\(HTML.escaped(report.manifest))</h1>\(resultBadge())</div>
        <p class="meta">\(meta.joined())\(outputs)</p>
        \(totals())\(lockfile)</header>

        """
    }

    /// The run's `result` as a badge, in the colours of the step status it resembles.
    private func resultBadge() -> String {
        let (tone, symbol, label) = switch report.result {
        case .finished: ("st-generated", "✓", "finished")
        case .failed: ("st-failed", "✗", "failed")
        case .interrupted: ("st-interrupted", "⏸", "interrupted")
        case .stoppedAtBudget: ("st-interrupted", "■", "stopped at the budget")
        }
        return "<span class=\"badge \(tone)\"><span aria-hidden=\"true\">\(symbol)</span> \(label)</span>"
    }

    private func totals() -> String {
        let totals = report.totals
        var entries = [("steps", "\(totals.steps)", false), ("images", "\(totals.images)", false),
                       ("spent", USD(totals.spent), false), ("saved by cache", USD(totals.savedByCache), false),
                       ("failed", "\(totals.failed)", totals.failed > 0)]
        if totals.skipped > 0 { entries.append(("skipped", "\(totals.skipped)", true)) }
        if totals.interrupted > 0 { entries.append(("interrupted", "\(totals.interrupted)", true)) }
        let items = entries.map { name, value, alarm in
            "<div\(alarm ? " class=\"alarm\"" : "")><dt>\(name)</dt><dd>\(HTML.escaped(value))</dd></div>"
        }
        return "<dl class=\"totals\">\(items.joined())</dl>\n"
    }

    /// Hidden until the script shows it: without scripts it could not do anything.
    private func toolbar() -> String {
        let counts = Dictionary(grouping: layout.cards, by: \.step.status).mapValues(\.count)
        let options = ReportDocument.StepStatus.allCases.compactMap { status -> String? in
            guard let count = counts[status] else { return nil }
            let badge = StatusBadge(status)
            return "<option value=\"\(status.rawValue)\">\(badge.symbol) \(badge.label) (\(count))</option>"
        }
        return """
        <div class="toolbar" id="toolbar" hidden>
        <input type="search" id="filter" placeholder="Filter by step id or prompt (press /)" aria-label="Filter by step id or prompt" autocomplete="off">
        <select id="status" aria-label="Show steps with status"><option value="">every status</option>\(options.joined())</select>
        <output id="shown" for="filter status">\(layout.cards.count) steps</output>
        </div>

        """
    }

    private func footer() -> String {
        "<footer>Made by assetpipe \(HTML.escaped(report.assetpipeVersion)) from the run report of "
            + "\(HTML.escaped(report.manifest)). Click a picture for the full file.</footer>\n"
    }
}
