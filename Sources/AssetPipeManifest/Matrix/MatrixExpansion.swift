import AssetPipeBasics

/// Expands a matrix step into one step object per combination, substituting the combination's
/// values in the fields that may name them: `id`, `prompt`, the image references (`image`,
/// `mask`, `reference_images`), `seed` and each output's `path`. The expanded objects are then
/// read like any step, at the matrix step's own path, so every message points at the text the
/// user wrote.
struct MatrixExpansion {
    /// The fields whose strings are templates. In `outputs`, `{index}` keeps naming the image.
    private static let templatedFields: Set<String> = ["id", "prompt", "image", "mask", "reference_images", "seed", "outputs"]

    let matrix: StepMatrix
    let path: JSONPath

    /// One step object per combination, each with the combination's label; nil (reported) when a
    /// template names a variable the matrix does not have.
    func expand(_ members: [(key: String, value: JSONValue)],
                _ diagnostics: inout DiagnosticCollector) -> [(step: JSONValue, combination: StepMatrix.Combination)]? {
        let kept = members.filter { !StepMatrix.fields.contains($0.key) }
        guard checkPlaceholders(kept, &diagnostics), checkSeed(kept, &diagnostics) else { return nil }
        var expanded: [(step: JSONValue, combination: StepMatrix.Combination)] = []
        expanded.reserveCapacity(matrix.combinations.count)
        for combination in matrix.combinations {
            var step: [(key: String, value: JSONValue)] = []
            for member in kept {
                step.append((member.key, substituted(member.value, field: member.key, combination.values)))
            }
            expanded.append((.object(step), combination))
        }
        return expanded
    }

    private func substituted(_ value: JSONValue, field: String, _ values: [String: String]) -> JSONValue {
        guard Self.templatedFields.contains(field) else { return value }
        return Self.strings(in: value, field: field) { text in
            let resolved = MatrixTemplate(text).resolved(field == "outputs" ? values.filter { $0.key != StepMatrix.indexVariable } : values)
            // A templated seed is a number once its values are in.
            if field == "seed", let number = Int(resolved) { return .number(Double(number)) }
            return .string(resolved)
        }
    }

    /// Every placeholder names a variable (or `{index}`); reported once per field, not per
    /// combination.
    private func checkPlaceholders(_ members: [(key: String, value: JSONValue)], _ diagnostics: inout DiagnosticCollector) -> Bool {
        let known = matrix.variableNames + [StepMatrix.indexVariable]
        var usable = true
        for (field, value) in members where Self.templatedFields.contains(field) {
            var unknown: [String] = []
            _ = Self.strings(in: value, field: field) { text in
                unknown += MatrixTemplate(text).placeholders.filter { !known.contains($0) && !unknown.contains($0) }
                return .string(text)
            }
            for name in unknown {
                let hint = DidYouMean.suggestion(for: name, among: matrix.variableNames).map { "; did you mean {\($0)}?" } ?? ""
                let listed = matrix.variableNames.map { "{\($0)}" }.joined(separator: ", ")
                diagnostics.report(path.appending(field), "{\(name)} is not a variable of this step's matrix\(hint) (it has \(listed), and {index})")
                usable = false
            }
        }
        return usable
    }

    /// A seed template must give an integer for every combination (`"{index}"`, `"100{tier}"`).
    private func checkSeed(_ members: [(key: String, value: JSONValue)], _ diagnostics: inout DiagnosticCollector) -> Bool {
        guard let template = members.first(where: { $0.key == "seed" })?.value.stringValue else { return true }
        for combination in matrix.combinations {
            let seed = MatrixTemplate(template).resolved(combination.values)
            guard Int(seed) == nil else { continue }
            diagnostics.report(path.appending("seed"), "the seed \(JSONValue.quoted(template)) gives \(JSONValue.quoted(seed)) for \(combination.label), which is not an integer")
            return false
        }
        return true
    }

    /// `value` with each string of `field` that is a template transformed: the string itself,
    /// the strings of a list, or each output's `path`.
    private static func strings(in value: JSONValue, field: String, _ transform: (String) -> JSONValue) -> JSONValue {
        switch (field, value) {
        case let (_, .string(text)):
            return transform(text)
        case ("outputs", let .array(outputs)):
            return .array(outputs.map { output in
                guard let members = output.objectMembers else { return output }
                return .object(members.map { $0.key == "path" ? ($0.key, strings(in: $0.value, field: "path", transform)) : $0 })
            })
        case let (_, .array(items)) where field != "outputs":
            return .array(items.map { strings(in: $0, field: field, transform) })
        default:
            return value
        }
    }
}
