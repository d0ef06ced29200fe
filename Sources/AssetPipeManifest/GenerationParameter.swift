import AssetPipeBasics
/// One generation parameter, declared once.
///
/// `GenerationParameter.all` is the whole set: manifest reading (steps and `defaults`), defaults
/// inheritance, the request bodies of every API, the cache key material and capability
/// adaptation all iterate it, so adding a parameter is one entry here plus its specs — and what
/// goes on the wire and what goes into the cache key cannot drift apart.
public struct GenerationParameter: Sendable, Hashable, CustomStringConvertible {
    /// How a manifest writes the value.
    public enum Kind: Sendable, Hashable {
        case text
        case choice([String])
        case integer(ClosedRange<Int>?)
        /// `WIDTHxHEIGHT`, or `auto` to leave it to the model (which overrides a default size).
        case size
        /// `W:H` with positive integers.
        case aspectRatio
    }

    /// Where Opper's `POST /v3/images` body carries the value: normalised fields at the top level,
    /// the rest in `parameters`, which Opper hands to the model verbatim.
    public enum OpperPlacement: Sendable, Hashable {
        case topLevel
        case modelParameters
    }

    /// The manifest field and the wire name: the image APIs and the manifest spell them alike.
    public let name: String
    /// Nil for names that are no manifest field but that a step may pass in `parameters`: known
    /// so that a model's capabilities can gate them there too.
    public let kind: Kind?
    public let opper: OpperPlacement
    /// Whether a model's capabilities gate the parameter: adaptation drops it for a model whose
    /// `params` do not list it, or whose `values` do not include the value.
    public let gated: Bool
    /// What every API assumes when the parameter is absent: the value is then not sent, but it
    /// is what the cache key records.
    public let defaultValue: ParameterValue?

    public var description: String { name }

    // MARK: The table

    public static let n = GenerationParameter("n", .integer(1...StepSettings.maxImages), opper: .topLevel, gated: false,
                                              default: .integer(1))
    public static let size = GenerationParameter("size", .size, opper: .topLevel)
    public static let aspectRatio = GenerationParameter("aspect_ratio", .aspectRatio, opper: .topLevel)
    public static let quality = GenerationParameter("quality", .text, opper: .topLevel)
    public static let background = GenerationParameter("background", .text)
    public static let style = GenerationParameter("style", .text, opper: .topLevel)
    public static let moderation = GenerationParameter("moderation", .text)
    public static let outputFormat = GenerationParameter("output_format", .choice(ImageFormat.allCases.map(\.rawValue)))
    public static let outputCompression = GenerationParameter("output_compression", .integer(0...100))
    public static let user = GenerationParameter("user", .text)
    public static let seed = GenerationParameter("seed", .integer(nil))

    /// Every parameter a step may set, in the order bodies and plans list them.
    public static let all: [GenerationParameter] = [
        n, size, aspectRatio, quality, background, style, moderation, outputFormat, outputCompression, user, seed,
    ]

    /// Parameters only ever passed through `parameters`, named so capabilities gate them.
    public static let passThrough: [GenerationParameter] = ["response_format", "input_fidelity", "store", "partial_images"]
        .map { GenerationParameter($0, nil) }

    /// Every name a model's capabilities may list in `params`: the gated parameters.
    public static let knownNames: Set<String> = Set((all + passThrough).filter(\.gated).map(\.name))

    private init(_ name: String, _ kind: Kind?, opper: OpperPlacement = .modelParameters, gated: Bool = true,
                 default defaultValue: ParameterValue? = nil) {
        self.name = name
        self.kind = kind
        self.opper = opper
        self.gated = gated
        self.defaultValue = defaultValue
    }
}

/// A parameter's value as a step holds it.
public enum ParameterValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    case text(String)
    case integer(Int)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    public var text: String? {
        if case let .text(text) = self { return text }
        return nil
    }

    public var integer: Int? {
        if case let .integer(integer) = self { return integer }
        return nil
    }

    /// On the wire: request bodies are `JSONValue`s, whose numbers are doubles (see
    /// `GenerationParameters.checkWireExact`).
    public var wireValue: JSONValue {
        switch self {
        case let .text(text): .string(text)
        case let .integer(integer): .number(Double(integer))
        }
    }

    /// In the cache key: an integer beyond what a double holds exactly is written as its decimal
    /// text, so two 64-bit seeds never collapse into one key.
    public var keyValue: JSONValue {
        switch self {
        case let .text(text): .string(text)
        case let .integer(integer): integer.magnitude < 1 << 53 ? .number(Double(integer)) : .string(String(integer))
        }
    }

    public var description: String {
        switch self {
        case let .text(text): text
        case let .integer(integer): String(integer)
        }
    }
}
