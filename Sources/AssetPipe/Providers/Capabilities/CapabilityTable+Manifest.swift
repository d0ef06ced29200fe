/// The capability check `validate` runs: what each step's primary model will refuse, found
/// before any request. Fallback models are not held to it — parameters they do not take are
/// dropped or bridged when the run falls back to them.
extension CapabilityTable {
    static func diagnostics(for manifest: Manifest, file: String) -> [ManifestDiagnostic] {
        var tables: [String: CapabilityTable] = [:]
        var diagnostics: [ManifestDiagnostic] = []
        for (name, config) in manifest.providers where config.api != .local {
            tables[name] = builtin.overlaid(with: config.models)
        }
        for (index, step) in manifest.steps.enumerated() {
            guard let table = tables[step.model.provider] else { continue }
            for problem in table.validate(step) {
                diagnostics.append(ManifestDiagnostic(file: file, path: "steps[\(index)]", message: problem))
            }
        }
        return diagnostics
    }
}
