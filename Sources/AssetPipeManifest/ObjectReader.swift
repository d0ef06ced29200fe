import AssetPipeBasics
/// One JSON object being decoded: reads its fields through rules and rejects the fields nobody
/// declared, since a misspelt optional field would otherwise be silently ignored.
struct ObjectReader {
    let path: JSONPath
    let members: [(key: String, value: JSONValue)]
    /// Fields that were present but failed their rule, so callers can tell "invalid" (already
    /// reported) from "absent" (maybe an error of its own).
    private(set) var rejectedKeys: Set<String> = []

    /// Nil, with a diagnostic, when `value` is not an object. Unknown fields are reported here,
    /// with a did-you-mean among `knownFields`.
    init?(_ value: JSONValue, at path: JSONPath, knownFields: [String], diagnostics: inout DiagnosticCollector,
          expectation: String = "an object") {
        guard let members = value.objectMembers else {
            diagnostics.report(path, Rejection.expected(expectation, found: value).message)
            return nil
        }
        self.path = path
        self.members = members
        for member in members where !knownFields.contains(member.key) {
            let hint = DidYouMean.suggestion(for: member.key, among: knownFields)
                .map { "; did you mean \(JSONValue.quoted($0))?" }
                ?? "; known fields: " + knownFields.joined(separator: ", ")
            diagnostics.report(path.appending(member.key),
                               "unknown field \(JSONValue.quoted(member.key))\(hint)")
        }
    }

    /// How messages name this object: `steps[2]`, or `the manifest` for the document itself.

    func contains(_ key: String) -> Bool { value(key) != nil }

    func value(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    /// The field read through `rule`; nil when absent or invalid (invalid is reported).
    mutating func read<Value>(_ key: String, _ rule: ValueRule<Value>, _ diagnostics: inout DiagnosticCollector) -> Value? {
        guard let raw = value(key) else { return nil }
        let result = rule.read(raw, path.appending(key), &diagnostics)
        if result == nil { rejectedKeys.insert(key) }
        return result
    }

    /// Like `read`, but a missing field is reported too.
    mutating func require<Value>(_ key: String, _ rule: ValueRule<Value>, _ diagnostics: inout DiagnosticCollector) -> Value? {
        guard contains(key) else {
            reportMissing(key, expectation: rule.expectation, &diagnostics)
            return nil
        }
        return read(key, rule, &diagnostics)
    }

    /// Stores a present, valid field into `root`; absent or invalid fields leave the default.
    mutating func assign<Root, Value>(_ key: String, _ rule: ValueRule<Value>, to keyPath: WritableKeyPath<Root, Value>,
                                      of root: inout Root, _ diagnostics: inout DiagnosticCollector) {
        if let value = read(key, rule, &diagnostics) { root[keyPath: keyPath] = value }
    }

    mutating func assign<Root, Value>(_ key: String, _ rule: ValueRule<Value>, to keyPath: WritableKeyPath<Root, Value?>,
                                      of root: inout Root, _ diagnostics: inout DiagnosticCollector) {
        if let value = read(key, rule, &diagnostics) { root[keyPath: keyPath] = value }
    }

    func reportMissing(_ key: String, expectation: String, _ diagnostics: inout DiagnosticCollector) {
        diagnostics.report(path.appending(key),
                           "missing required field \(JSONValue.quoted(key)); expected \(expectation)")
    }
}
