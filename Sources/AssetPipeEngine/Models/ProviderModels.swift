import AssetPipeManifest
import AssetPipeProviders

/// One provider's answer to `assetpipe models`: what it offers, or why it could not say, and
/// the manifest's model refs on it checked against that.
public struct ProviderModels: Sendable {
    public var config: ProviderConfig
    /// The provider's catalog, or the listing's error (key-free, as every `ProviderError`).
    public var outcome: Result<ModelCatalog, ProviderError>
    /// The manifest's refs to this provider, in first-use order.
    public var uses: [ModelUse]

    public init(config: ProviderConfig, outcome: Result<ModelCatalog, ProviderError>, uses: [ModelUse]) {
        self.config = config
        self.outcome = outcome
        self.uses = uses
    }

    /// A ref the provider answered without: most likely a typo, caught before a run pays for it.
    public struct UnknownRef: Sendable, Equatable {
        public var use: ModelUse
        /// The closest model the provider does offer, when one is close enough to be meant.
        public var suggestion: String?
    }

    public var catalog: ModelCatalog? { try? outcome.get() }

    /// Refs to models the provider does not offer; none when it could not be asked.
    public var unknownRefs: [UnknownRef] {
        guard let catalog else { return [] }
        return uses.filter { !catalog.offers($0.model.model) }.map { use in
            UnknownRef(use: use, suggestion: DidYouMean.suggestion(for: use.model.model, among: catalog.ids))
        }
    }

    /// The steps that use `model` on this provider; empty when none does.
    public func steps(using model: String) -> [String] {
        uses.first { $0.model.model == model }?.steps ?? []
    }
}

extension Sequence<ProviderModels> {
    /// Every provider answered, and offers every ref the manifest makes to it.
    public var allRefsKnown: Bool {
        allSatisfy { $0.catalog != nil && $0.unknownRefs.isEmpty }
    }
}
