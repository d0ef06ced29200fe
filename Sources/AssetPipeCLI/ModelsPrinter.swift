import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeEngine

/// Renders `assetpipe models`: per provider a table of what it offers (`*` on the models the
/// manifest uses), then the manifest's model refs their provider does not offer, each with the
/// closest model it does.
struct ModelsPrinter {
    let answers: [ProviderModels]

    func lines(verbosity: Invocation.Verbosity) -> [String] {
        var lines: [String] = []
        for answer in answers {
            if verbosity == .quiet {
                if answer.catalog == nil { lines.append(header(answer)) }
            } else {
                lines += section(answer, verbose: verbosity == .verbose) + [""]
            }
        }
        let unknown = answers.flatMap { answer in answer.unknownRefs.map { unknownLine($0, provider: answer.config.name) } }
        if !unknown.isEmpty { lines += ["Unknown model refs:"] + unknown }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `2 providers asked, 1 could not answer · 3 model refs checked, 1 unknown, 2 not checked`.
    var summary: String {
        let failed = answers.filter { $0.catalog == nil }
        let checked = answers.filter { $0.catalog != nil }.reduce(0) { $0 + $1.uses.count }
        let unchecked = failed.reduce(0) { $0 + $1.uses.count }
        let unknown = answers.reduce(0) { $0 + $1.unknownRefs.count }
        var text = Self.counted(answers.count, "provider") + " asked"
        if !failed.isEmpty { text += ", \(failed.count) could not answer" }
        text += " · " + Self.counted(checked, "model ref") + " checked, "
        text += unknown > 0 ? "\(unknown) unknown" : unchecked > 0 ? "none unknown" : "all known"
        if unchecked > 0 { text += ", \(unchecked) not checked" }
        return text
    }

    private func section(_ answer: ProviderModels, verbose: Bool) -> [String] {
        guard let catalog = answer.catalog, !catalog.acceptsAnyName else { return [header(answer)] }
        var lines = [header(answer)]
        if catalog.entries.isEmpty { return lines }
        let rows = catalog.entries.map { entry in
            [answer.steps(using: entry.model.id).isEmpty ? "" : "*", entry.model.id, entry.source.rawValue,
             Self.sizes(entry.model), Self.edits(entry.model)]
        }
        lines += TextTable(rows: [["USED", "MODEL", "SOURCE", "SIZES / ASPECT RATIOS", "EDITS"]] + rows).lines(indent: "  ")
        if verbose, !catalog.otherModels.isEmpty {
            lines.append("  other models: " + catalog.otherModels.joined(separator: ", "))
        }
        return lines
    }

    /// `openai (openai): 3 image models, 3 other models not shown (--verbose lists them)`, or
    /// why there is no table.
    private func header(_ answer: ProviderModels) -> String {
        let name = "\(answer.config.name) (\(answer.config.api.rawValue))"
        switch answer.outcome {
        case let .failure(error):
            return "\(name): could not list its models: \(error); its model refs are not checked"
        case let .success(catalog) where catalog.acceptsAnyName:
            let used = answer.uses.map(\.model.model)
            return "\(name): takes any model name (renders offline)" + (used.isEmpty ? "" : "; the manifest uses " + used.joined(separator: ", "))
        case let .success(catalog):
            var text = "\(name): " + Self.counted(catalog.entries.count, "image model")
            if !catalog.otherModels.isEmpty {
                text += ", " + Self.counted(catalog.otherModels.count, "other model") + " not shown (--verbose lists them)"
            }
            return text
        }
    }

    /// `openai:gpt-imgae-1 (hero, logo): openai does not offer it; did you mean "openai:gpt-image-1"?`
    private func unknownLine(_ unknown: ProviderModels.UnknownRef, provider: String) -> String {
        let ref = unknown.use.model
        let hint = unknown.suggestion.map { "; did you mean \(JSONValue.quoted(ModelRef(provider: ref.provider, model: $0).description))?" }
        return "  \(ref) (\(unknown.use.steps.joined(separator: ", "))): \(provider) does not offer it" + (hint ?? "")
    }

    static func sizes(_ model: ListedModel) -> String {
        let values = (model.sizes ?? []) + (model.aspectRatios ?? [])
        return values.isEmpty ? "—" : values.joined(separator: ", ")
    }

    static func edits(_ model: ListedModel) -> String {
        model.supportsEdits.map { $0 ? "yes" : "no" } ?? "—"
    }

    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
