import AssetPipeManifest

/// What a provider offers as `assetpipe models` shows it: each model the provider lists, with the
/// capabilities a run will go by and where they come from.
///
/// A run adapts requests by the built-in table overlaid with the entry's `models`, never by the
/// provider's list; so a model the manifest overrides is shown as the run sees it, a model the
/// provider describes as the provider does, and a model listed by name only (an
/// OpenAI-compatible `/models`, a gateway) with what the built-in table knows of it.
public struct ModelCatalog: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        case provider = "provider"
        case builtinTable = "built-in table"
        case manifestOverride = "manifest override"
    }

    public struct Entry: Sendable, Equatable {
        public var model: ListedModel
        public var source: Source
    }

    /// The image models, in the provider's order, plus any listed non-image model the manifest
    /// uses (so it counts as known and shows what the provider says of it).
    public var entries: [Entry]
    /// Listed ids that are not image models and that the manifest does not use.
    public var otherModels: [String]
    public var acceptsAnyName: Bool

    /// - Parameters:
    ///   - overrides: the provider entry's `models`.
    ///   - used: the models the manifest names on this provider.
    public init(_ list: ModelList, overrides: [String: ModelCapabilities], used: Set<String>,
                builtin: CapabilityTable = .builtin) {
        let effective = builtin.overlaid(with: overrides)
        let usedOthers = list.otherModels.filter(used.contains).map { ListedModel(id: $0) }
        entries = (list.models + usedOthers).map { model in
            if overrides[model.id] != nil, let capabilities = effective.capabilities(for: model.id) {
                return Entry(model: ListedModel(model.id, capabilities).filling(from: model), source: .manifestOverride)
            }
            if !model.describesCapabilities, let capabilities = builtin.capabilities(for: model.id) {
                return Entry(model: ListedModel(model.id, capabilities), source: .builtinTable)
            }
            return Entry(model: model, source: .provider)
        }
        otherModels = list.otherModels.filter { !used.contains($0) }
        acceptsAnyName = list.acceptsAnyName
    }

    public var ids: [String] { entries.map(\.model.id) }

    /// Whether a request for `model` names something this provider offers.
    public func offers(_ model: String) -> Bool {
        acceptsAnyName || entries.contains { $0.model.id == model }
    }
}

extension ListedModel {
    /// `id` as the capability table describes it.
    init(_ id: String, _ capabilities: ModelCapabilities) {
        self.init(id: id, sizes: capabilities.sizes, aspectRatios: capabilities.aspectRatios,
                  supportsEdits: capabilities.supportsEdits)
    }

    /// These capabilities with whatever they leave open taken from `other`: an override that
    /// sets only `max_n` still shows the sizes the provider lists.
    func filling(from other: ListedModel) -> ListedModel {
        ListedModel(id: id, sizes: sizes ?? other.sizes, aspectRatios: aspectRatios ?? other.aspectRatios,
                    supportsEdits: supportsEdits ?? other.supportsEdits)
    }
}
