import AssetPipeBasics

/// One entry of a failed batch's `errors.data`: why its input file was refused, with the 1-based
/// `line` when one line is to blame.
struct BatchError: Error, Sendable, Equatable {
    var code: String
    var message: String
    var param: String?
    var line: Int?

    var object: JSONValue {
        .object([
            ("code", .string(code)), ("message", .string(message)),
            ("param", param.map(JSONValue.string) ?? .null), ("line", line.map { .number(Double($0)) } ?? .null),
        ])
    }
}
