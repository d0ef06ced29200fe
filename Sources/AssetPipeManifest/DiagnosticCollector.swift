import AssetPipeBasics
/// Gathers every problem in a manifest so that one `validate` shows them all, instead of making
/// the user fix and rerun once per mistake.
package struct DiagnosticCollector {
    /// The manifest as the user named it.
    let file: String
    package private(set) var diagnostics: [ManifestDiagnostic] = []

    package init(file: String) {
        self.file = file
    }

    mutating func report(_ path: JSONPath, _ message: String) {
        diagnostics.append(ManifestDiagnostic(file: file, at: path, message: message))
    }

    mutating func report(_ path: JSONPath, _ message: String, line: Int, column: Int) {
        diagnostics.append(ManifestDiagnostic(file: file, path: path.description, message: message, line: line, column: column))
    }

    package var isEmpty: Bool { diagnostics.isEmpty }

    /// Each problem once: a matrix step's expansions are read one by one, and a mistake they
    /// share is reported by each of them at the same place.
    package var unique: [ManifestDiagnostic] {
        var seen = Set<ManifestDiagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }

    /// One problem per place among those reported since `start` about a matrix step (whose
    /// expansions share `paths`): each expansion is checked against the others and the rest of
    /// the manifest, and a thousand lines that differ by one name help nobody, so the first
    /// stands for the others, with their count.
    mutating func summarizeRepeats(since start: Int, under paths: Set<JSONPath>) {
        guard start < diagnostics.count, !paths.isEmpty else { return }
        var kept: [ManifestDiagnostic] = []
        var others: [String: Set<String>] = [:]
        for diagnostic in diagnostics[start...] {
            let repeatable = diagnostic.jsonPath.map { path in paths.contains { path.components.starts(with: $0.components) } } ?? false
            if repeatable, let first = kept.first(where: { $0.path == diagnostic.path }) {
                if first.message != diagnostic.message { others[diagnostic.path, default: []].insert(diagnostic.message) }
            } else {
                kept.append(diagnostic)
            }
        }
        diagnostics.replaceSubrange(start..., with: kept.map { diagnostic in
            guard let count = others[diagnostic.path]?.count else { return diagnostic }
            var summarized = diagnostic
            summarized.message += " (and \(count) more like it here)"
            return summarized
        })
    }
}
