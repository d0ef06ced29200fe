/// Renders `assetpipe plan`: the steps in execution order, what each consumes, what it writes
/// and which provider and model would serve it.
public enum PlanPrinter {
    public static func render(_ steps: [Step], manifest: Manifest, outputPrefix: String) -> [String] {
        var lines: [String] = []
        let width = String(steps.count).count
        for (position, step) in steps.enumerated() {
            let number = String(position + 1).leftPadded(to: width)
            let api = manifest.providers[step.model.provider]?.api.rawValue ?? "local"
            var header = "\(number). \(step.id)  \(step.model) (\(api))"
            if step.operation == .variation { header += "  variation" }
            if step.parameters.n > 1 { header += "  n=\(step.parameters.n)" }
            lines.append(header)
            let indent = String(repeating: " ", count: width + 2)
            if !step.fallbacks.isEmpty {
                lines.append(indent + "fallbacks: " + step.fallbacks.map(\.description).joined(separator: ", "))
            }
            let inputs = step.images.map { "image \($0)" } + (step.mask.map { ["mask \($0)"] } ?? [])
                + step.referenceImages.map { "reference \($0)" }
            if !inputs.isEmpty { lines.append(indent + "inputs: " + inputs.joined(separator: ", ")) }
            let outputs = step.outputs.flatMap { spec in
                (0..<step.parameters.n).map { index in outputPrefix + spec.path(forIndex: index) + " " + describe(spec) }
            }
            lines.append(indent + "outputs: " + (outputs.isEmpty ? "none (used as an input only)" : outputs.joined(separator: ", ")))
        }
        return lines
    }

    /// `(webp q80, fit 256x256)`.
    private static func describe(_ spec: OutputSpec) -> String {
        var parts = [spec.format.rawValue]
        if let quality = spec.quality { parts.append("q\(quality)") }
        if spec.lossless { parts.append("lossless") }
        if let compression = spec.compression { parts.append("level \(compression)") }
        if let resize = spec.resize { parts.append("fit \(resize)") }
        if let matte = spec.matte { parts.append("matte \(matte)") }
        return "(" + parts.joined(separator: " ") + ")"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
