import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders

/// The manifest check `validate`, `plan` and `run` share: everything the manifest says, then
/// what each step's primary model would refuse, found before any request. Fallback models are
/// not held to it — parameters they do not take are dropped or bridged when the run falls back.
extension ManifestLoader {
    public func loadCheckingCapabilities(contentsOf url: URL, displayPath: String? = nil) throws(ManifestError) -> Manifest {
        try loadCheckingCapabilities(data: try Self.read(url, displayPath: displayPath), fileURL: url, displayPath: displayPath)
    }

    /// `load`, then every step's primary model asked whether it would take the step.
    public func loadCheckingCapabilities(data: Data, fileURL: URL, displayPath: String? = nil) throws(ManifestError) -> Manifest {
        let manifest = try load(data: data, fileURL: fileURL, displayPath: displayPath)
        let refused = Self.capabilityDiagnostics(for: manifest, file: displayPath ?? manifest.fileURL.path)
        guard refused.isEmpty else { throw ManifestError(refused).located(in: data) }
        return manifest
    }

    static func capabilityDiagnostics(for manifest: Manifest, file: String) -> [ManifestDiagnostic] {
        var tables: [String: CapabilityTable] = [:]
        for (name, config) in manifest.providers where config.api != .local {
            tables[name] = CapabilityTable.builtin.overlaid(with: config.models)
        }
        var diagnostics: [ManifestDiagnostic] = []
        for (index, step) in manifest.steps.enumerated() {
            guard let table = tables[step.model.provider] else { continue }
            let path = JSONPath.root.appending("steps").appending(index)
            diagnostics += table.validate(step).map { ManifestDiagnostic(file: file, at: path, message: $0) }
        }
        return diagnostics
    }
}
