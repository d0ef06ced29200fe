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
}
