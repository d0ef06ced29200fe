/// What one provider says it offers: its image models, the other ids its list holds, or that
/// any name will do.
public struct ModelList: Sendable, Equatable {
    /// The image models, in the order the provider listed them.
    public var models: [ListedModel]
    /// Ids the provider listed that are not image models (chat, embeddings, speech), kept so a
    /// manifest that names one is told it is listed rather than that it does not exist.
    public var otherModels: [String]
    /// True for providers that take any model name: `local` renders whatever a model is called.
    public var acceptsAnyName: Bool

    public init(models: [ListedModel], otherModels: [String] = [], acceptsAnyName: Bool = false) {
        self.models = models
        self.otherModels = otherModels
        self.acceptsAnyName = acceptsAnyName
    }
}

/// A provider that can say which models it offers, so a manifest's model refs are checked
/// before a run pays for a request that a misspelt model would fail.
///
/// A separate capability rather than part of `ImageProvider`: scripted test providers and
/// library callers' own providers need not list anything, and `assetpipe models` reports them
/// as unable to.
public protocol ModelListing: Sendable {
    /// One request for the provider's list (none for `local`), through the same transport, key,
    /// pacing, timeout and error classification as a generation.
    func listModels() async throws -> ModelList
}
