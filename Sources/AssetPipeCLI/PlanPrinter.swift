import AssetPipeManifest
import AssetPipeEngine
/// Renders `assetpipe plan`: the steps in execution order, what each consumes and writes,
/// which provider and model would serve it, and what a run would do for it and why.
public enum PlanPrinter {
    public static func render(_ planned: [PlannedStep], manifest: Manifest, outputPrefix: String) -> [String] {
        var lines: [String] = []
        let width = String(planned.count).count
        for (position, entry) in planned.enumerated() {
            let step = entry.step
            let number = String(position + 1).leftPadded(to: width)
            let api = manifest.provider(named: step.model.provider)?.api.rawValue ?? "local"
            var header = "\(number). \(step.id)  \(step.model) (\(api))"
            if step.operation == .variation { header += "  variation" }
            if step.parameters.n > 1 { header += "  n=\(step.parameters.n)" }
            if let wave = entry.wave { header += "  batch wave \(wave)" }
            lines.append(header + "  — " + entry.verdict.label)
            let indent = String(repeating: " ", count: width + 2)
            if !step.fallbacks.isEmpty {
                lines.append(indent + "fallbacks: " + step.fallbacks.map(\.description).joined(separator: ", "))
            }
            let inputs = inputDescriptions(step)
            if !inputs.isEmpty { lines.append(indent + "inputs: " + inputs.joined(separator: ", ")) }
            let outputs = step.outputTargets.map { outputPrefix + $0.path + " (" + $0.settings + ")" }
            lines.append(indent + "outputs: " + (outputs.isEmpty ? "none (used as an input only)" : outputs.joined(separator: ", ")))
        }
        lines.append(summary(planned, estimator: CostEstimator(manifest: manifest)))
        return lines
    }

    /// `5 steps: 3 cached, 1 outputs only, 1 to generate · 1 paid request · estimated $0.042`.
    static func summary(_ planned: [PlannedStep], estimator: CostEstimator) -> String {
        let generate = planned.filter(\.verdict.generates)
        let outputsOnly = planned.count { if case .outputsOnly = $0.verdict { true } else { false } }
        let paid = generate.filter { !estimator.isFree($0.step.model) }
        let prices = paid.map { $0.estimatedCost(estimator) }
        var text = "\(planned.count) steps: \(planned.count - generate.count - outputsOnly) cached, \(outputsOnly) outputs only, "
            + "\(generate.count) to generate · \(paid.count) paid request\(paid.count == 1 ? "" : "s")"
        if !paid.isEmpty {
            text += " · estimated " + USD(prices.compactMap { $0 }.reduce(0, +))
            let unpriced = prices.count { $0 == nil }
            if unpriced > 0 { text += " (+\(unpriced) without a price in the manifest)" }
            let batched = paid.filter { $0.wave != nil }
            let saving = batched.compactMap { estimator.estimate($0.step.model, $0.step.parameters) }.reduce(0, +)
                - batched.compactMap { $0.estimatedCost(estimator) }.reduce(0, +)
            if !batched.isEmpty {
                let waves = Set(batched.compactMap(\.wave)).count
                text += " · \(batched.count) in \(waves) batch wave\(waves == 1 ? "" : "s"), saving \(USD(saving))"
            }
        }
        return text
    }

    static func inputDescriptions(_ step: Step) -> [String] {
        step.inputs.images.map { "image \($0)" } + (step.inputs.mask.map { ["mask \($0)"] } ?? []) + step.inputs.referenceImages.map { "reference \($0)" }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
