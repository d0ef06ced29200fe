import AssetPipeBasics
/// Reads a model capability entry — a provider's `models.NAME` in a manifest, or an entry of the
/// built-in table — through the manifest's rules, so a bad override is a diagnostic at its own
/// path rather than a trap later (a ratio of 0 or 1e19 would break size arithmetic), and the
/// schema of a capability entry is written down once.
package enum CapabilityDecoder {
    static let fields = ["extends", "params", "sizes", "size_rule", "aspect_ratios", "values", "max_n", "max_prompt_length",
                         "max_input_images", "supports_edits", "supports_variations", "transparent_background_formats"]
    static let sizeRuleFields = ["multiple_of", "max_aspect_ratio", "max_side", "min_pixels", "max_pixels"]

    /// The most pixels any size rule may speak of: the largest side squared.
    static let maxPixels = PixelSize.maximumSide * PixelSize.maximumSide

    package static var entry: ValueRule<ModelCapabilities> {
        ValueRule(expectation: "a capability object") { value, path, diagnostics in
            guard var reader = ObjectReader(value, at: path, knownFields: fields, diagnostics: &diagnostics) else { return nil }
            var caps = ModelCapabilities()
            reader.assign("extends", .nonEmptyString, to: \.extends, of: &caps, &diagnostics)
            reader.assign("params", .list(of: .oneOf(GenerationParameter.knownNames.sorted())), to: \.params, of: &caps, &diagnostics)
            reader.assign("sizes", .list(of: sizeText), to: \.sizes, of: &caps, &diagnostics)
            reader.assign("size_rule", sizeRule, to: \.sizeRule, of: &caps, &diagnostics)
            reader.assign("aspect_ratios", .list(of: .aspectRatio), to: \.aspectRatios, of: &caps, &diagnostics)
            reader.assign("values", values, to: \.values, of: &caps, &diagnostics)
            reader.assign("max_n", .integer(from: 1, to: StepSettings.maxImages), to: \.maxN, of: &caps, &diagnostics)
            reader.assign("max_prompt_length", .integer(from: 1, to: 1_000_000), to: \.maxPromptLength, of: &caps, &diagnostics)
            reader.assign("max_input_images", .integer(from: 1, to: 100), to: \.maxInputImages, of: &caps, &diagnostics)
            reader.assign("supports_edits", .bool, to: \.supportsEdits, of: &caps, &diagnostics)
            reader.assign("supports_variations", .bool, to: \.supportsVariations, of: &caps, &diagnostics)
            reader.assign("transparent_background_formats", .list(of: .oneOf(ImageFormat.allCases.map(\.rawValue))),
                          to: \.transparentBackgroundFormats, of: &caps, &diagnostics)
            return reader.rejectedKeys.isEmpty ? caps : nil
        }
    }

    /// `auto` or `WxH`, as written on the wire.
    private static var sizeText: ValueRule<String> {
        ValueRule<SizeSetting>.sizeSetting.then { setting in .success(setting.pixelSize?.description ?? "auto") }
    }

    private static var sizeRule: ValueRule<ModelCapabilities.SizeRule> {
        ValueRule(expectation: "a size rule object") { value, path, diagnostics in
            guard var reader = ObjectReader(value, at: path, knownFields: sizeRuleFields, diagnostics: &diagnostics) else { return nil }
            var rule = ModelCapabilities.SizeRule()
            reader.assign("multiple_of", .integer(from: 1, to: PixelSize.maximumSide), to: \.multipleOf, of: &rule, &diagnostics)
            reader.assign("max_aspect_ratio", .number(atLeast: 1, atMost: Double(PixelSize.maximumSide)), to: \.maxAspectRatio,
                          of: &rule, &diagnostics)
            reader.assign("max_side", .integer(from: 1, to: PixelSize.maximumSide), to: \.maxSide, of: &rule, &diagnostics)
            reader.assign("min_pixels", .integer(from: 1, to: maxPixels), to: \.minPixels, of: &rule, &diagnostics)
            reader.assign("max_pixels", .integer(from: 1, to: maxPixels), to: \.maxPixels, of: &rule, &diagnostics)
            return reader.rejectedKeys.isEmpty ? rule : nil
        }
    }

    /// `{"quality": ["low", "high"]}`: accepted values by parameter.
    private static var values: ValueRule<[String: [String]]> {
        ValueRule<[(key: String, value: [String])]>.members(of: .list(of: .string)).then { members in
            .success(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
