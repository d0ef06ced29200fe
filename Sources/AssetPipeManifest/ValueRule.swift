import AssetPipeBasics
/// What is wrong with one value, phrased as "expected …, found …".
struct Rejection: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    /// A value of the wrong kind: `expected a string, found number 3`.
    static func expected(_ expectation: String, found value: JSONValue) -> Rejection {
        Rejection("expected \(expectation), found \(value.foundDescription)")
    }
}

/// How one JSON value becomes a typed setting, and what to tell the user when it cannot.
///
/// Every manifest field is read through a rule, so the many fields share one way of checking
/// types and ranges and of phrasing errors, and composite values (lists, maps) report each bad
/// element at its own path.
package struct ValueRule<Value> {
    /// Built only when a message needs it: rules are made for every field of every step, and
    /// thousands of unused message strings would dominate the time to load a large manifest.
    private let describeExpectation: () -> String
    /// Reports every problem at `path` or below it, and returns nil when the value is unusable.
    package let read: (JSONValue, JSONPath, inout DiagnosticCollector) -> Value?

    /// What a valid value looks like (`an integer from 0 to 100`), for messages about missing
    /// fields.
    var expectation: String { describeExpectation() }

    init(expectation: @autoclosure @escaping () -> String, read: @escaping (JSONValue, JSONPath, inout DiagnosticCollector) -> Value?) {
        self.describeExpectation = expectation
        self.read = read
    }

    /// A rule that judges the value as a whole and has one message when it fails.
    init(_ expectation: @autoclosure @escaping () -> String, check: @escaping (JSONValue) -> Result<Value, Rejection>) {
        self.init(expectation: expectation()) { value, path, diagnostics in
            switch check(value) {
            case let .success(result): return result
            case let .failure(rejection):
                diagnostics.report(path, rejection.message)
                return nil
            }
        }
    }

    /// This rule followed by a further check or conversion of its result.
    func then<Next>(_ transform: @escaping (Value) -> Result<Next, Rejection>) -> ValueRule<Next> {
        then(self.describeExpectation(), transform)
    }

    /// This rule followed by a further check or conversion, described as `expectation`.
    func then<Next>(_ expectation: @autoclosure @escaping () -> String,
                    _ transform: @escaping (Value) -> Result<Next, Rejection>) -> ValueRule<Next> {
        let read = self.read
        return ValueRule<Next>(expectation: expectation()) { value, path, diagnostics in
            guard let first = read(value, path, &diagnostics) else { return nil }
            switch transform(first) {
            case let .success(result): return result
            case let .failure(rejection):
                diagnostics.report(path, rejection.message)
                return nil
            }
        }
    }

    /// A JSON list of values that each follow `element`; every bad element is reported.
    static func list<Element>(of element: ValueRule<Element>, allowEmpty: Bool = true) -> ValueRule<[Element]>
    where Value == [Element] {
        let expectation = allowEmpty ? "a list" : "a non-empty list"
        return ValueRule(expectation: expectation) { value, path, diagnostics in
            guard let items = value.arrayValue else {
                diagnostics.report(path, Rejection.expected(expectation, found: value).message)
                return nil
            }
            guard allowEmpty || !items.isEmpty else {
                diagnostics.report(path, "expected a non-empty list, found an empty list")
                return nil
            }
            var results: [Element] = []
            results.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                if let result = element.read(item, path.appending(index), &diagnostics) { results.append(result) }
            }
            return results.count == items.count ? results : nil
        }
    }

    /// A single value or a non-empty list of them (`"image": "a.png"` or `"image": ["a.png", "b.png"]`).
    static func oneOrMore<Element>(_ element: ValueRule<Element>) -> ValueRule<[Element]> where Value == [Element] {
        let list = ValueRule.list(of: element, allowEmpty: false)
        return ValueRule(expectation: "\(element.expectation) or a non-empty list of them") { value, path, diagnostics in
            if value.arrayValue != nil { return list.read(value, path, &diagnostics) }
            return element.read(value, path, &diagnostics).map { [$0] }
        }
    }

    /// A JSON object whose member values each follow `element`, in the order written.
    package static func members<Element>(of element: ValueRule<Element>) -> ValueRule<[(key: String, value: Element)]>
    where Value == [(key: String, value: Element)] {
        ValueRule(expectation: "an object") { value, path, diagnostics in
            guard let members = value.objectMembers else {
                diagnostics.report(path, Rejection.expected("an object", found: value).message)
                return nil
            }
            var results: [(key: String, value: Element)] = []
            for member in members {
                if let result = element.read(member.value, path.appending(member.key), &diagnostics) {
                    results.append((member.key, result))
                }
            }
            return results.count == members.count ? results : nil
        }
    }
}

/// A value together with where it was written, for checks that can only run once the whole
/// manifest is read (references to other steps, duplicate output files).
struct Located<Value> {
    let value: Value
    let path: JSONPath
}

extension ValueRule {
    /// This rule's result together with its path.
    var located: ValueRule<Located<Value>> {
        let read = self.read
        return ValueRule<Located<Value>>(expectation: expectation) { value, path, diagnostics in
            read(value, path, &diagnostics).map { Located(value: $0, path: path) }
        }
    }
}

// MARK: - JSON types

extension ValueRule where Value == String {
    static var string: ValueRule<String> {
        ValueRule("a string") { value in
            value.stringValue.map { .success($0) } ?? .failure(.expected("a string", found: value))
        }
    }

    /// Blank strings are rejected too: a prompt of spaces is as empty as no prompt.
    static var nonEmptyString: ValueRule<String> {
        string.then("a non-empty string") { text in
            text.allSatisfy(\.isWhitespace) ? .failure(.expected("a non-empty string", found: .string(text))) : .success(text)
        }
    }

    /// One of a fixed set of words, with a did-you-mean for near misses.
    static func oneOf(_ choices: [String]) -> ValueRule<String> {
        func expectation() -> String { "one of " + choices.map(JSONValue.quoted).joined(separator: ", ") }
        return ValueRule(expectation()) { value in
            guard let text = value.stringValue else { return .failure(.expected(expectation(), found: value)) }
            guard choices.contains(text) else {
                return .failure(Rejection("expected \(expectation()), found \(JSONValue.quoted(text))"
                                          + DidYouMean.hint(for: text, among: choices)))
            }
            return .success(text)
        }
    }
}

extension ValueRule where Value == Bool {
    static var bool: ValueRule<Bool> {
        ValueRule("true or false") { value in
            value.boolValue.map { .success($0) } ?? .failure(.expected("true or false", found: value))
        }
    }
}

extension ValueRule where Value == Int {
    /// A whole number, optionally bounded: `an integer from 0 to 100`, `an integer of at least 1`.
    static func integer(from lower: Int? = nil, to upper: Int? = nil) -> ValueRule<Int> {
        func expectation() -> String {
            switch (lower, upper) {
            case let (lower?, upper?): return "an integer from \(lower) to \(upper)"
            case let (lower?, nil): return "an integer of at least \(lower)"
            case let (nil, upper?): return "an integer of at most \(upper)"
            case (nil, nil): return "an integer"
            }
        }
        return ValueRule(expectation()) { value in
            guard let number = value.numberValue else { return .failure(.expected(expectation(), found: value)) }
            guard let integer = Int(exactly: number), integer >= (lower ?? .min), integer <= (upper ?? .max) else {
                return .failure(Rejection("expected \(expectation()), found \(JSONValue.numberText(number))"))
            }
            return .success(integer)
        }
    }
}

extension ValueRule where Value == Double {
    /// A number at or above `minimum` (strictly above it when `exclusive`) and, when given, at
    /// most `maximum`: durations and rates have sane ceilings, so a typo cannot stall a run for
    /// years or size a buffer by it.
    static func number(atLeast minimum: Double, exclusive: Bool = false, atMost maximum: Double? = nil) -> ValueRule<Double> {
        func expectation() -> String {
            let bound = JSONValue.numberText(minimum)
            let lower = exclusive ? "a number greater than \(bound)" : "a number of at least \(bound)"
            return maximum.map { "\(lower) and at most \(JSONValue.numberText($0))" } ?? lower
        }
        return ValueRule(expectation()) { value in
            guard let number = value.numberValue else { return .failure(.expected(expectation(), found: value)) }
            guard exclusive ? number > minimum : number >= minimum, number <= maximum ?? .infinity else {
                return .failure(Rejection("expected \(expectation()), found \(JSONValue.numberText(number))"))
            }
            return .success(number)
        }
    }
}

extension ValueRule where Value == JSONValue {
    /// Any JSON object, kept as written (`parameters`, model capability entries).
    static var object: ValueRule<JSONValue> {
        ValueRule("an object") { value in
            value.objectMembers != nil ? .success(value) : .failure(.expected("an object", found: value))
        }
    }
}
