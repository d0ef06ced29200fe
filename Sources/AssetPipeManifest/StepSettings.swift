import AssetPipeBasics
/// The step fields that `defaults` may also set: the model, its fallbacks, every generation
/// parameter of `GenerationParameter.all`, and `parameters`.
///
/// `defaults` and steps are read by this one initializer, so a default obeys exactly the same
/// rules as the field it stands in for, and a bad default is reported once at `defaults.…`
/// instead of once per step.
struct StepSettings {
    /// The most images a step asks for (`n`): the image APIs' own upper bound.
    static let maxImages = 10

    static let fields = ["model", "fallbacks"] + GenerationParameter.all.map(\.name) + ["parameters"]

    /// A parameter as written: a value, or `"auto"` — set, and left to the model, which
    /// overrides a default without sending anything.
    enum Setting: Hashable {
        case value(ParameterValue)
        case leftToModel
    }

    var model: ModelRef?
    var fallbacks: [ModelRef]?
    var parameters: [GenerationParameter: Setting] = [:]
    /// The `parameters` object, passed to the provider verbatim.
    var extra: JSONValue?
    /// Fields written but invalid (already reported), so their absence is not reported again.
    var rejected: Set<String> = []

    init() {}

    init(reading reader: inout ObjectReader, providers: [String], _ diagnostics: inout DiagnosticCollector) {
        let modelRule = ValueRule<ModelRef>.modelRef(providers: providers)
        reader.assign("model", modelRule, to: \.model, of: &self, &diagnostics)
        reader.assign("fallbacks", .list(of: modelRule), to: \.fallbacks, of: &self, &diagnostics)
        for parameter in GenerationParameter.all {
            guard let kind = parameter.kind else { continue }
            if let setting = reader.read(parameter.name, Self.rule(for: kind), &diagnostics) { parameters[parameter] = setting }
        }
        reader.assign("parameters", .object, to: \.extra, of: &self, &diagnostics)
        rejected = reader.rejectedKeys
    }

    /// These settings with every field they do not declare taken from `defaults`.
    func inheriting(_ defaults: StepSettings) -> StepSettings {
        var merged = self
        merged.model = model ?? defaults.model
        merged.fallbacks = fallbacks ?? defaults.fallbacks
        merged.parameters = defaults.parameters.merging(parameters) { _, own in own }
        merged.extra = extra ?? defaults.extra
        // A rejected default stays rejected even where a step overrides it: that only silences
        // follow-on checks in a manifest that already fails.
        merged.rejected = rejected.union(defaults.rejected)
        return merged
    }

    /// Number of images the step makes: nil when `n` was written but invalid, so checks that
    /// depend on it (`{index}`, `@step#K`) stay quiet instead of piling on.
    var imageCount: Int? {
        rejected.contains(GenerationParameter.n.name) ? nil : generationParameters.n
    }

    var generationParameters: GenerationParameters {
        GenerationParameters(parameters.compactMapValues { setting in
            if case let .value(value) = setting { value } else { nil }
        }, extra: extra)
    }

    /// How a manifest field of `kind` is read.
    private static func rule(for kind: GenerationParameter.Kind) -> ValueRule<Setting> {
        switch kind {
        case .text: ValueRule<String>.string.then { .success(.value(.text($0))) }
        case let .choice(choices): ValueRule<String>.oneOf(choices).then { .success(.value(.text($0))) }
        case let .integer(range):
            ValueRule<Int>.integer(from: range?.lowerBound, to: range?.upperBound).then { .success(.value(.integer($0))) }
        case .size: ValueRule<SizeSetting>.sizeSetting.then { size in
            .success(size.pixelSize.map { .value(.text($0.description)) } ?? .leftToModel)
        }
        case .aspectRatio: ValueRule<String>.aspectRatio.then { .success(.value(.text($0))) }
        }
    }
}
