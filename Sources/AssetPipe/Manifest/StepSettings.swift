/// The step fields that `defaults` may also set.
///
/// `defaults` and steps are read by this one initializer, so a default obeys exactly the same
/// rules as the field it stands in for, and a bad default is reported once at `defaults.…`
/// instead of once per step.
struct StepSettings {
    static let fields = ["model", "fallbacks", "n", "size", "aspect_ratio", "quality", "background", "style",
                         "moderation", "output_format", "output_compression", "user", "seed", "parameters"]

    var model: ModelRef?
    var fallbacks: [ModelRef]?
    var n: Int?
    var size: SizeSetting?
    var aspectRatio: String?
    var quality: String?
    var background: String?
    var style: String?
    var moderation: String?
    var outputFormat: String?
    var outputCompression: Int?
    var user: String?
    var seed: Int?
    var parameters: JSONValue?
    /// The most images a step asks for (`n`): the image APIs' own upper bound.
    static let maxImages = 10

    /// Fields written but invalid (already reported), so their absence is not reported again.
    var rejected: Set<String> = []

    init() {}

    init(reading reader: inout ObjectReader, providers: [String], _ diagnostics: inout DiagnosticCollector) {
        let modelRule = ValueRule<ModelRef>.modelRef(providers: providers)
        reader.assign("model", modelRule, to: \.model, of: &self, &diagnostics)
        reader.assign("fallbacks", .list(of: modelRule), to: \.fallbacks, of: &self, &diagnostics)
        reader.assign("n", .integer(from: 1, to: Self.maxImages), to: \.n, of: &self, &diagnostics)
        reader.assign("size", .sizeSetting, to: \.size, of: &self, &diagnostics)
        reader.assign("aspect_ratio", .aspectRatio, to: \.aspectRatio, of: &self, &diagnostics)
        reader.assign("quality", .string, to: \.quality, of: &self, &diagnostics)
        reader.assign("background", .string, to: \.background, of: &self, &diagnostics)
        reader.assign("style", .string, to: \.style, of: &self, &diagnostics)
        reader.assign("moderation", .string, to: \.moderation, of: &self, &diagnostics)
        reader.assign("output_format", .oneOf(ImageFormat.allCases.map(\.rawValue)), to: \.outputFormat, of: &self, &diagnostics)
        reader.assign("output_compression", .integer(from: 0, to: 100), to: \.outputCompression, of: &self, &diagnostics)
        reader.assign("user", .string, to: \.user, of: &self, &diagnostics)
        reader.assign("seed", .integer(), to: \.seed, of: &self, &diagnostics)
        reader.assign("parameters", .object, to: \.parameters, of: &self, &diagnostics)
        rejected = reader.rejectedKeys
    }

    /// These settings with every field they do not declare taken from `defaults`.
    func inheriting(_ defaults: StepSettings) -> StepSettings {
        var merged = self
        merged.model = model ?? defaults.model
        merged.fallbacks = fallbacks ?? defaults.fallbacks
        merged.n = n ?? defaults.n
        merged.size = size ?? defaults.size
        merged.aspectRatio = aspectRatio ?? defaults.aspectRatio
        merged.quality = quality ?? defaults.quality
        merged.background = background ?? defaults.background
        merged.style = style ?? defaults.style
        merged.moderation = moderation ?? defaults.moderation
        merged.outputFormat = outputFormat ?? defaults.outputFormat
        merged.outputCompression = outputCompression ?? defaults.outputCompression
        merged.user = user ?? defaults.user
        merged.seed = seed ?? defaults.seed
        merged.parameters = parameters ?? defaults.parameters
        // A rejected default stays rejected even where a step overrides it: that only silences
        // follow-on checks in a manifest that already fails.
        merged.rejected = rejected.union(defaults.rejected)
        return merged
    }

    /// Number of images the step makes: nil when `n` was written but invalid, so checks that
    /// depend on it (`{index}`, `@step#K`) stay quiet instead of piling on.
    var imageCount: Int? { rejected.contains("n") ? nil : n ?? 1 }

    var generationParameters: GenerationParameters {
        GenerationParameters(n: n ?? 1, size: size?.pixelSize, aspectRatio: aspectRatio, quality: quality,
                             background: background, style: style, moderation: moderation, outputFormat: outputFormat,
                             outputCompression: outputCompression, user: user, seed: seed, extra: parameters)
    }
}
