/// Prices a request before it is sent, from the manifest's `prices` table (per image, by
/// quality). No price is built in: prices change, and a wrong built-in figure is worse than none.
public struct CostEstimator: Sendable {
    public var prices: [String: [String: Double]]

    public init(prices: [String: [String: Double]]) {
        self.prices = prices
    }

    /// USD for one request of `model` with `parameters`; nil when the table has no price for it.
    /// Without a quality, or with one the table does not list, the highest listed price is used,
    /// so a budget errs on the safe side.
    public func estimate(_ model: ModelRef, _ parameters: GenerationParameters) -> Double? {
        if model.provider == "local" { return 0 }
        guard let table = prices[model.description], !table.isEmpty else { return nil }
        let perImage = parameters.quality.flatMap { table[$0] } ?? table.values.max() ?? 0
        return perImage * Double(parameters.n)
    }
}
