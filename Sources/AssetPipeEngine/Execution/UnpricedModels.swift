import AssetPipeManifest
/// Under `--max-cost`, the models some step may pay for without a price to bound them by.
///
/// A budget cannot bound what it cannot price, and finding that out midway would stop a run at
/// an arbitrary step; so `run` and `plan` look before anything is sent, name every such model
/// with the steps that use it (as primary or fallback) and the price entry to add, and exit 2.
public struct UnpricedModels: Error, Sendable, CustomStringConvertible {
    /// A model without a price and the steps that may send requests to it, in run order.
    public typealias Entry = ModelUse

    public var entries: [Entry]

    /// The unpriced models of `steps` (those that will generate), or nil when every model that
    /// may be paid has a price. Free providers (`api: local`) need none.
    public static func find(in steps: [Step], estimator: CostEstimator) -> UnpricedModels? {
        let entries = ModelUse.collect(in: steps) { model, step in estimator.estimate(model, step.parameters) == nil }
        return entries.isEmpty ? nil : UnpricedModels(entries: entries)
    }

    /// One line per model, for the error output (located at the manifest's `prices`, where the fix goes).
    public var lines: [String] {
        entries.map { entry in
            let steps = entry.steps.prefix(5).joined(separator: ", ") + (entry.steps.count > 5 ? ", …" : "")
            return "no price for \(entry.model) (used by \(steps)), so --max-cost cannot bound it; \(Self.hint(for: entry.model))"
        }
    }

    public var description: String { lines.joined(separator: "\n") }

    /// What to add to the manifest.
    static func hint(for model: ModelRef) -> String {
        "add it to the manifest's prices: \"prices\": {\"\(model)\": {\"medium\": USD per image}}"
    }
}
