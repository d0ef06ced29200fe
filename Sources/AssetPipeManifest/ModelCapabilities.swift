import AssetPipeBasics
/// What one model accepts, as data: model lists change every few months, so the table ships as
/// JSON and a provider entry's `models` object overrides or extends it without a new release.
///
/// Every field is optional and a missing field means "no known constraint": an entry that only
/// says `max_n` restricts `n` and forwards everything else as written.
public struct ModelCapabilities: Sendable, Hashable {
    /// Another model whose capabilities this one starts from (`openai/gpt-image-1` → `gpt-image-1`).
    public var extends: String?
    /// Parameters the model takes, by wire name (`size`, `quality`, `response_format`…).
    /// `model`, `prompt` and `n` are always sent and not listed.
    public var params: [String]?
    /// Accepted `size` values, `auto` included where the model takes it.
    public var sizes: [String]?
    /// Any `WxH` satisfying this rule is accepted too (newer GPT image models).
    public var sizeRule: SizeRule?
    /// Accepted `aspect_ratio` values (`3:2`), for models sized by ratio rather than pixels.
    public var aspectRatios: [String]?
    /// Accepted values per parameter (`quality: [low, medium, high]`).
    public var values: [String: [String]]?
    /// Images one request may ask for; a step asking for more makes several requests.
    public var maxN: Int?
    public var maxPromptLength: Int?
    /// Input images one edit may take (`image` plus `reference_images`).
    public var maxInputImages: Int?
    public var supportsEdits: Bool?
    public var supportsVariations: Bool?
    /// `background: transparent` needs one of these `output_format`s.
    public var transparentBackgroundFormats: [String]?

    /// `WxH` sizes accepted by rule rather than by list.
    public struct SizeRule: Sendable, Hashable {
        public var multipleOf: Int?
        /// The longer side over the shorter one, at most (3 for "between 1:3 and 3:1").
        public var maxAspectRatio: Double?
        public var maxSide: Int?
        public var minPixels: Int?
        public var maxPixels: Int?

        public init(multipleOf: Int? = nil, maxAspectRatio: Double? = nil, maxSide: Int? = nil, minPixels: Int? = nil,
                    maxPixels: Int? = nil) {
            self.multipleOf = multipleOf
            self.maxAspectRatio = maxAspectRatio
            self.maxSide = maxSide
            self.minPixels = minPixels
            self.maxPixels = maxPixels
        }

        package func accepts(_ size: PixelSize) -> Bool {
            guard size.width > 0, size.height > 0 else { return false }
            let long = max(size.width, size.height), short = min(size.width, size.height), pixels = size.width * size.height
            if let multiple = multipleOf, multiple > 0, size.width % multiple != 0 || size.height % multiple != 0 { return false }
            if let ratio = maxAspectRatio, Double(long) / Double(short) > ratio { return false }
            if let maxSide, long > maxSide { return false }
            if let minPixels, pixels < minPixels { return false }
            if let maxPixels, pixels > maxPixels { return false }
            return true
        }
    }

    public init() {}

    /// These capabilities with every field `patch` sets replacing ours; `values` merge per parameter.
    public func overlaid(by patch: ModelCapabilities) -> ModelCapabilities {
        var merged = self
        merged.extends = patch.extends ?? extends
        merged.params = patch.params ?? params
        merged.sizes = patch.sizes ?? sizes
        merged.sizeRule = patch.sizeRule ?? sizeRule
        merged.aspectRatios = patch.aspectRatios ?? aspectRatios
        merged.values = patch.values.map { (values ?? [:]).merging($0) { $1 } } ?? values
        merged.maxN = patch.maxN ?? maxN
        merged.maxPromptLength = patch.maxPromptLength ?? maxPromptLength
        merged.maxInputImages = patch.maxInputImages ?? maxInputImages
        merged.supportsEdits = patch.supportsEdits ?? supportsEdits
        merged.supportsVariations = patch.supportsVariations ?? supportsVariations
        merged.transparentBackgroundFormats = patch.transparentBackgroundFormats ?? transparentBackgroundFormats
        return merged
    }

    /// Whether the model takes parameter `name`; unknown when no list is given, so yes.
    public func takes(_ name: String) -> Bool {
        params?.contains(name) ?? true
    }

    /// Whether `size` is acceptable: listed, or within the rule; anything when neither is known.
    public func accepts(size: PixelSize) -> Bool {
        if sizes == nil, sizeRule == nil { return true }
        return sizes?.contains(size.description) == true || sizeRule?.accepts(size) == true
    }
}
