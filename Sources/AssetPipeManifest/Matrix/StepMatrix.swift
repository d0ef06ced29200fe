import AssetPipeBasics

/// A step's `matrix` and `exclude`, read and checked: its variables in order, and the
/// combinations it expands into.
///
/// Combinations run through the variables' values with the first variable outermost, and
/// each keeps its position in that full product as `{index}`, so excluding a combination
/// leaves the others' seeds and names alone.
struct StepMatrix {
    static let fields = ["matrix", "exclude"]
    /// A matrix of more combinations is refused: it is far more likely a mistake (a pasted list
    /// in the wrong place) than a pack anyone wants to pay for.
    static let maximumCombinations = 10_000
    /// The built-in variable: a combination's position in the full product.
    static let indexVariable = "index"

    struct Combination {
        /// Position in the full product, before exclusions.
        let index: Int
        /// Every variable's value, and `index`.
        let values: [String: String]
        /// `item=sword, tier=wood`: how messages name the combination.
        let label: String
    }

    let variables: [(name: String, values: [String])]
    let combinations: [Combination]

    var variableNames: [String] { variables.map(\.name) }

    /// The matrix of the step object `members` at `path`, or nil (reported) when it is unusable.
    static func read(_ members: [(key: String, value: JSONValue)], at path: JSONPath,
                     _ diagnostics: inout DiagnosticCollector) -> StepMatrix? {
        let matrixPath = path.appending("matrix")
        guard let matrix = members.first(where: { $0.key == "matrix" })?.value else {
            diagnostics.report(path.appending("exclude"), "\"exclude\" needs \"matrix\": it leaves out combinations of the matrix's variables")
            return nil
        }
        guard let variables = readVariables(matrix, at: matrixPath, &diagnostics) else { return nil }
        let total = variables.reduce(1) { product, variable in
            product.multipliedReportingOverflow(by: variable.values.count).overflow ? Int.max : product * variable.values.count
        }
        guard total <= maximumCombinations else {
            diagnostics.report(matrixPath, "\(total) combinations; a matrix step expands into at most \(maximumCombinations) steps")
            return nil
        }
        let excluded = members.first { $0.key == "exclude" }?.value
        guard let exclusions = readExclusions(excluded, variables: variables, at: path.appending("exclude"), &diagnostics) else {
            return nil
        }
        let combinations = (0..<total).compactMap { index -> Combination? in
            let values = combination(index, of: variables)
            guard !exclusions.contains(where: { $0.allSatisfy { values[$0.key] == $0.value } }) else { return nil }
            let label = variables.map { "\($0.name)=\(values[$0.name] ?? "")" }.joined(separator: ", ")
            return Combination(index: index, values: values.merging([indexVariable: String(index)]) { own, _ in own }, label: label)
        }
        return StepMatrix(variables: variables, combinations: combinations)
    }

    /// The values of combination `index` of the full product, the last variable changing fastest.
    private static func combination(_ index: Int, of variables: [(name: String, values: [String])]) -> [String: String] {
        var values: [String: String] = [:]
        var rest = index
        for variable in variables.reversed() {
            values[variable.name] = variable.values[rest % variable.values.count]
            rest /= variable.values.count
        }
        return values
    }

    private static func readVariables(_ value: JSONValue, at path: JSONPath,
                                      _ diagnostics: inout DiagnosticCollector) -> [(name: String, values: [String])]? {
        guard let members = value.objectMembers, !members.isEmpty else {
            diagnostics.report(path, Rejection.expected("an object mapping each variable to its values, such as {\"item\": [\"sword\", \"shield\"]}", found: value).message)
            return nil
        }
        var variables: [(name: String, values: [String])] = []
        var usable = true
        for (name, list) in members {
            guard MatrixTemplate.isName(name[...]), name != indexVariable else {
                let reason = name == indexVariable ? "\"index\" is built in (the combination's number)" : "use letters, digits and _, not starting with a digit"
                diagnostics.report(path.appending(name), "\(JSONValue.quoted(name)) cannot name a matrix variable: \(reason)")
                usable = false
                continue
            }
            guard let values = readValues(list, at: path.appending(name), &diagnostics) else {
                usable = false
                continue
            }
            variables.append((name, values))
        }
        return usable ? variables : nil
    }

    /// A non-empty list of distinct strings or integers, as text.
    private static func readValues(_ value: JSONValue, at path: JSONPath, _ diagnostics: inout DiagnosticCollector) -> [String]? {
        guard let elements = value.arrayValue, !elements.isEmpty else {
            diagnostics.report(path, Rejection.expected("a non-empty list of values", found: value).message)
            return nil
        }
        var values: [String] = []
        for (position, element) in elements.enumerated() {
            guard let text = text(of: element) else {
                diagnostics.report(path.appending(position), Rejection.expected("a string or an integer", found: element).message)
                return nil
            }
            guard !values.contains(text) else {
                diagnostics.report(path.appending(position), "\(JSONValue.quoted(text)) is listed twice")
                return nil
            }
            values.append(text)
        }
        return values
    }

    static func text(of value: JSONValue) -> String? {
        if let text = value.stringValue { return text }
        if let number = value.numberValue, number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return nil
    }

    /// Each entry of `exclude`: values for some of the variables; combinations matching all of
    /// them are left out. Naming an unknown variable or value is an error: it would exclude nothing.
    private static func readExclusions(_ value: JSONValue?, variables: [(name: String, values: [String])], at path: JSONPath,
                                       _ diagnostics: inout DiagnosticCollector) -> [[String: String]]? {
        guard let value else { return [] }
        guard let entries = value.arrayValue else {
            diagnostics.report(path, Rejection.expected("a list of objects such as {\"item\": \"bow\", \"tier\": \"wood\"}", found: value).message)
            return nil
        }
        var exclusions: [[String: String]] = []
        var usable = true
        for (position, entry) in entries.enumerated() {
            let entryPath = path.appending(position)
            guard let members = entry.objectMembers, !members.isEmpty else {
                diagnostics.report(entryPath, Rejection.expected("an object of variable values", found: entry).message)
                usable = false
                continue
            }
            var exclusion: [String: String] = [:]
            for (name, member) in members {
                guard let variable = variables.first(where: { $0.name == name }) else {
                    let hint = DidYouMean.hint(for: name, among: variables.map(\.name))
                    diagnostics.report(entryPath.appending(name), "no matrix variable \(JSONValue.quoted(name))\(hint)")
                    usable = false
                    continue
                }
                guard let text = text(of: member), variable.values.contains(text) else {
                    let listed = variable.values.map(JSONValue.quoted).joined(separator: ", ")
                    diagnostics.report(entryPath.appending(name), "\(member.foundDescription) is not a value of \(JSONValue.quoted(name)) (\(listed)), so this excludes nothing")
                    usable = false
                    continue
                }
                exclusion[name] = text
            }
            exclusions.append(exclusion)
        }
        return usable ? exclusions : nil
    }
}
