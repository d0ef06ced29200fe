import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// Model capabilities by model name: the built-in table, overlaid with a provider entry's
/// `models`. Used to find problems before any request (`validate`) and to avoid sending what a
/// model rejects (`adapt`). Unknown models are not constrained at all.
public struct CapabilityTable: Sendable {
    /// Entries as written, `extends` unresolved, so an override of a base model also reaches
    /// the models that extend it.
    private var entries: [String: ModelCapabilities]

    public init(entries: [String: ModelCapabilities] = [:]) {
        self.entries = entries
    }

    /// The table compiled into the binary (`BuiltinModels.json.swift`), read by the same rules
    /// as a manifest's `models` overrides.
    public static let builtin: CapabilityTable = {
        var diagnostics = DiagnosticCollector(file: "BuiltinModels.json.swift")
        let rule = ValueRule<[(key: String, value: ModelCapabilities)]>.members(of: CapabilityDecoder.entry)
        guard let json = try? JSONParser.parse(Data(BuiltinModels.json.utf8)).value,
              let entries = rule.read(json, .root, &diagnostics), diagnostics.isEmpty else {
            // The table is a constant checked by the test suite; a broken one is a build defect.
            preconditionFailure("BuiltinModels.json.swift does not decode: \(diagnostics.diagnostics)")
        }
        return CapabilityTable(entries: Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }()

    /// This table with a provider entry's `models` applied: fields an entry sets replace the
    /// known ones for that model; models the table does not know are added.
    public func overlaid(with models: [String: ModelCapabilities]) -> CapabilityTable {
        var table = self
        for (name, patch) in models {
            table.entries[name] = table.entries[name].map { $0.overlaid(by: patch) } ?? patch
        }
        return table
    }

    /// The capabilities of `model` with `extends` resolved; nil for a model nobody described.
    public func capabilities(for model: String) -> ModelCapabilities? {
        resolve(model, depth: 0)
    }

    private func resolve(_ model: String, depth: Int) -> ModelCapabilities? {
        guard var entry = entries[model] else { return nil }
        guard let parent = entry.extends else { return entry }
        entry.extends = nil
        guard depth < 8, let base = resolve(parent, depth: depth + 1) else { return entry }
        return base.overlaid(by: entry)
    }
}
