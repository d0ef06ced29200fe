/// One image model as a provider's model list describes it. Every capability is optional: an
/// OpenAI-compatible `/models` gives ids only, and Opper's list may leave a field out.
public struct ListedModel: Sendable, Equatable {
    public var id: String
    /// Pixel sizes (`1024x1024`).
    public var sizes: [String]?
    /// `W:H` ratios, for models sized by aspect ratio.
    public var aspectRatios: [String]?
    /// Edit / image-to-image: whether the model takes input images.
    public var supportsEdits: Bool?

    public init(id: String, sizes: [String]? = nil, aspectRatios: [String]? = nil, supportsEdits: Bool? = nil) {
        self.id = id
        self.sizes = sizes
        self.aspectRatios = aspectRatios
        self.supportsEdits = supportsEdits
    }

    /// Whether the provider said anything about the model beyond its name.
    public var describesCapabilities: Bool {
        sizes != nil || aspectRatios != nil || supportsEdits != nil
    }
}
