import AssetPipeImaging

/// What one successful attempt produced.
public struct GenerationResult: Sendable {
    /// Exactly `parameters.n` images; a provider that returns fewer throws `.unusableResponse`.
    public var images: [EncodedImage]
    /// USD, when the provider reports it (`usage.cost`).
    public var cost: Double?
    public var revisedPrompts: [String?]
    /// Human-readable remarks for the report: dropped or bridged parameters and the like.
    public var notes: [String]

    /// The provider's cost when it reported a real one. Gateways are known to report 0 for image
    /// models; a zero is treated as no report, so budgets fall back to the manifest's prices.
    public var reportedCost: Double? {
        guard let cost, cost > 0 else { return nil }
        return cost
    }

    public init(images: [EncodedImage], cost: Double? = nil, revisedPrompts: [String?] = [], notes: [String] = []) {
        self.images = images
        self.cost = cost
        self.revisedPrompts = revisedPrompts
        self.notes = notes
    }
}
