import AssetPipeManifest
/// Prices a request before it is sent, from the manifest's `prices` table (per image, by
/// quality). No price is built in: prices change, and a wrong built-in figure is worse than none.
public struct CostEstimator: Sendable {
    public var prices: [String: [String: Double]]
    private var providers: [String: ProviderAPI]
    private var batchDiscounts: [String: Double]

    public init(manifest: Manifest) {
        prices = manifest.prices
        providers = manifest.providers.mapValues(\.api)
        providers[ProviderConfig.local.name] = ProviderConfig.local.api
        batchDiscounts = manifest.providers.mapValues(\.batchDiscount)
    }

    /// Requests to `model` cost nothing when its provider renders offline (`api: local`),
    /// whatever the entry is called.
    public func isFree(_ model: ModelRef) -> Bool {
        providers[model.provider] == .local
    }

    /// USD for one request of `model` with `parameters`; nil when the table has no price for it.
    /// Without a quality, or with one the table does not list, the highest listed price is used,
    /// so a budget errs on the safe side.
    /// `inBatch`: sent as a batch line, at the provider's `batch_discount`.
    public func estimate(_ model: ModelRef, _ parameters: GenerationParameters, inBatch: Bool = false) -> Double? {
        if isFree(model) { return 0 }
        guard let table = prices[model.description], !table.isEmpty else { return nil }
        let perImage = parameters.quality.flatMap { table[$0] } ?? table.values.max() ?? 0
        let discount = inBatch ? batchDiscounts[model.provider] ?? ProviderConfig.defaultBatchDiscount : 1
        return perImage * Double(parameters.n) * discount
    }
}
