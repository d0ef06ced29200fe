import AssetPipeBasics
/// The parameters a step sends to its model, with the manifest's defaults applied: a value per
/// `GenerationParameter` that is set, and `extra`, the step's `parameters` object, passed to the
/// provider verbatim.
public struct GenerationParameters: Sendable, Hashable {
    /// The values that are set; a parameter at its default value is not stored.
    public private(set) var values: [GenerationParameter: ParameterValue]
    public var extra: JSONValue?

    public init(_ values: [GenerationParameter: ParameterValue] = [:], extra: JSONValue? = nil) {
        self.values = [:]
        self.extra = extra
        for (parameter, value) in values { self[parameter] = value }
    }

    /// The value of `parameter`, its default when it has one and is not set.
    public subscript(parameter: GenerationParameter) -> ParameterValue? {
        get { values[parameter] ?? parameter.defaultValue }
        set { values[parameter] = newValue == parameter.defaultValue ? nil : newValue }
    }

    /// Every parameter with a value (defaults included), in table order.
    public var settings: [(parameter: GenerationParameter, value: ParameterValue)] {
        GenerationParameter.all.compactMap { parameter in self[parameter].map { (parameter, $0) } }
    }

    /// What the parameters contribute to a cache key: every parameter with a value (`n` always)
    /// by its manifest name, and `extra`; `excluding` leaves some out.
    public func keyJSON(excluding excluded: Set<GenerationParameter> = []) -> JSONValue {
        .object(settings.filter { !excluded.contains($0.parameter) }.map { ($0.parameter.name, $0.value.keyValue) }
            + (extra.map { [("extra", $0)] } ?? []))
    }

    /// The members of `extra` when it is an object (anything else cannot be merged into a body).
    public var extraMembers: [(key: String, value: JSONValue)] {
        extra?.objectMembers ?? []
    }

    // MARK: Typed views, for the code that interprets a parameter

    public var n: Int {
        get { self[.n]?.integer ?? 1 }
        set { self[.n] = .integer(newValue) }
    }

    public var size: PixelSize? {
        get { self[.size]?.text.flatMap { try? PixelSize.parse($0).get() } }
        set { self[.size] = newValue.map { .text($0.description) } }
    }

    public var aspectRatio: String? {
        get { self[.aspectRatio]?.text }
        set { self[.aspectRatio] = newValue.map(ParameterValue.text) }
    }

    public var quality: String? { self[.quality]?.text }
    public var background: String? { self[.background]?.text }
    public var outputFormat: String? { self[.outputFormat]?.text }
    public var outputCompression: Int? { self[.outputCompression]?.integer }
}
