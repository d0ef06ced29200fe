import AssetPipeBasics

/// Typed reads of a request's JSON fields. A wrapper rather than an extension on `JSONValue`, so
/// that accessors added to `AssetPipe` later cannot collide with these.
struct JSONFields: Sendable {
    let value: JSONValue

    subscript(key: String) -> JSONValue? { value[key] }

    func string(_ key: String) -> String? {
        if case let .string(text)? = value[key] { return text }
        return nil
    }

    /// Integers only: `"n": 2.5` or `"n": "2"` is a type error the routes report.
    func int(_ key: String) -> Int? {
        if case let .number(number)? = value[key], number == number.rounded(), abs(number) < 1e15 {
            return Int(number)
        }
        return nil
    }

    func bool(_ key: String) -> Bool? {
        if case let .bool(flag)? = value[key] { return flag }
        return nil
    }

    func has(_ key: String) -> Bool {
        guard let field = value[key] else { return false }
        return field != .null
    }
}
