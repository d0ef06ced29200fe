import AssetPipeEngine

/// One step's card: its pictures first (that is what a designer scans), then the step id and
/// status, the prompt, model, size and cost, why it failed or was skipped, the steps it takes
/// images from and those that use it, and its files.
struct StepCard {
    var card: GalleryLayout.Card
    var previews: [String: OutputPreview]
    var links: OutputLinks

    private var step: ReportDocument.StepEntry { card.step }

    func html() -> String {
        let status = StatusBadge(step.status)
        return """
        <article class="step \(status.cssClass)" id="\(card.anchor)" data-step="\(HTML.escaped(step.id))" \
        data-status="\(step.status.rawValue)">
        \(media(status))<div class="body">
        <div class="head"><h2><a class="mono" href="#\(card.anchor)">\(HTML.escaped(step.id))</a></h2>\(status.html)</div>
        \(prompt())\(facts())\(reason(status))\(inputs())\(usedBy())\(files())</div>
        </article>

        """
    }

    /// The pictures, in a band of the same height on every card. One image rendered to several
    /// files shows the first large and its variants (a resized copy, a matted jpeg) in a strip
    /// below; several images (`n` > 1) share the band equally, as square a grid as the count allows.
    private func media(_ status: StatusBadge) -> String {
        let outputs = step.outputs
        guard let first = outputs.first else {
            let text = step.status.succeeded ? "no output files" : "\(status.label): no image"
            return "<div class=\"media c1\">\(placeholder(symbol: status.symbol, text: text, tone: status.cssClass))</div>\n"
        }
        if step.images.count > 1 {
            let columns = switch outputs.count { case 1: 1; case 2...4: 2; case 5...9: 3; default: 4 }
            return "<div class=\"media c\(columns)\">" + outputs.map(tile).joined() + "</div>\n"
        }
        guard outputs.count > 1 else { return "<div class=\"media c1\">\(tile(first))</div>\n" }
        return "<div class=\"media c1 has-variants\">\(tile(first))<div class=\"variants\">"
            + outputs.dropFirst().map(tile).joined() + "</div></div>\n"
    }

    private func tile(_ output: ReportDocument.OutputEntry) -> String {
        let path = HTML.escaped(output.path)
        guard case let .thumbnail(thumbnail)? = previews[output.path] else {
            return placeholder(symbol: "⚠", text: unavailableReason(output), tone: "unavailable")
        }
        return "<a class=\"tile\" href=\"\(HTML.escaped(links.href(for: output.path)))\" title=\"\(path)\">"
            + "<img src=\"\(HTML.escaped(thumbnail.path))\" width=\"\(thumbnail.width)\" height=\"\(thumbnail.height)\" "
            + "alt=\"\(path)\" loading=\"lazy\" decoding=\"async\"></a>"
    }

    private func placeholder(symbol: String, text: String, tone: String) -> String {
        "<div class=\"tile placeholder \(tone)\" title=\"\(HTML.escaped(text))\"><span class=\"glyph\" aria-hidden=\"true\">"
            + "\(symbol)</span><span class=\"why\">\(HTML.escaped(text))</span></div>"
    }

    private func unavailableReason(_ output: ReportDocument.OutputEntry) -> String {
        if case let .unavailable(reason)? = previews[output.path] { return reason }
        return "no preview of \(output.path)"
    }

    /// Clamped to three lines; a click opens it in full (a `<details>`, so no script needed).
    private func prompt() -> String {
        guard !step.prompt.isEmpty else { return "" }
        let revised = step.revisedPrompts.map { "<p class=\"revised\">revised by the provider: \(HTML.escaped($0))</p>" }
        return "<details class=\"prompt\"><summary>\(HTML.escaped(step.prompt))</summary>\(revised.joined())</details>\n"
    }

    private func facts() -> String {
        var facts: [String] = []
        if let model = step.model { facts.append("<span class=\"mono\">\(HTML.escaped(model))</span>") }
        if let size = step.size { facts.append("<span>\(HTML.escaped(size))</span>") }
        if let cost = step.cost { facts.append("<span class=\"cost\">\(cost > 0 ? USD(cost) : "free")</span>") }
        if let saved = step.savedCost, saved > 0 { facts.append("<span>saved \(USD(saved))</span>") }
        if step.seconds > 0 { facts.append("<span>\(GalleryFormat.seconds(step.seconds))</span>") }
        if step.requests > 1 { facts.append("<span>\(step.requests) requests</span>") }
        return facts.isEmpty ? "" : "<p class=\"facts\">\(facts.joined())</p>\n"
    }

    private func reason(_ status: StatusBadge) -> String {
        guard let reason = step.reason else { return "" }
        if step.status == .failed { return "<p class=\"error\"><strong>error:</strong> \(HTML.escaped(reason))</p>\n" }
        return "<p class=\"skip-reason\">\(status.label): \(HTML.escaped(reason))</p>\n"
    }

    /// `edit of ← balloon`, `mask ← stencil.png`: where this step's input images came from.
    private func inputs() -> String {
        card.inputs.map { input in
            let role = switch input.role {
            case "image": "edit of"
            case "mask": "mask from"
            case "reference_image": "reference"
            default: HTML.escaped(input.role)
            }
            let source = switch input.source {
            case let .step(link, index):
                "<a class=\"mono\" href=\"#\(link.anchor)\">\(HTML.escaped(link.id))</a>" + (index.map { " image \($0 + 1)" } ?? "")
            case let .unlistedStep(id): "<span class=\"mono\">\(HTML.escaped(id))</span> (not in this report)"
            case let .file(text), let .url(text): "<span class=\"mono\">\(HTML.escaped(text))</span>"
            }
            return "<p class=\"chain\"><span class=\"role\">\(role) ←</span>\(source)</p>\n"
        }.joined()
    }

    /// `used by → balloon-snow`: the steps that take this one's images.
    private func usedBy() -> String {
        guard !card.usedBy.isEmpty else { return "" }
        let links = card.usedBy.map { "<a class=\"mono\" href=\"#\($0.anchor)\">\(HTML.escaped($0.id))</a>" }
        return "<p class=\"chain\"><span class=\"role\">used by →</span>\(links.joined())</p>\n"
    }

    private func files() -> String {
        guard !step.outputs.isEmpty else { return "" }
        let rows = step.outputs.map { output in
            let path = HTML.escaped(output.path)
            guard case let .thumbnail(thumbnail)? = previews[output.path] else {
                return "<li><span class=\"missing mono\" title=\"\(HTML.escaped(unavailableReason(output)))\">\(path)</span>"
                    + "<span class=\"about\">not shown</span></li>"
            }
            let about = GalleryFormat.dimensions(thumbnail.source.width, thumbnail.source.height) + " · "
                + GalleryFormat.bytes(thumbnail.sourceBytes)
            return "<li><a class=\"mono\" href=\"\(HTML.escaped(links.href(for: output.path)))\">\(path)</a>"
                + "<span class=\"about\">\(about)</span></li>"
        }
        return "<ul class=\"files\">\(rows.joined())</ul>\n"
    }
}
