import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders

/// `assetpipe models`: asks providers what they offer, all at once, and checks the manifest's
/// model refs against their answers, so a misspelt model is caught before a run pays for it.
///
/// Each provider is built as a run builds it (its key from the environment, its own pacer) and
/// asked once. A provider that cannot be built (its key is not set) or asked (unreachable, a
/// refused key, a list that cannot be read) is reported with its error; the others still answer.
public struct ModelSurvey: Sendable {
    public var manifest: Manifest
    public var environment: [String: String]
    public var providerFactory: ProviderFactory
    public var clock: any RunClock

    public init(manifest: Manifest, environment: [String: String], providerFactory: @escaping ProviderFactory,
                clock: any RunClock = SystemClock()) {
        self.manifest = manifest
        self.environment = environment
        self.providerFactory = providerFactory
        self.clock = clock
    }

    /// The providers worth asking when none is named: every remote entry, and every provider a
    /// model ref uses (the implicit `local` only then), by name.
    public var defaultProviderNames: [String] {
        let used = Set(ModelUse.collect(in: manifest.steps).map(\.model.provider))
        let remote = manifest.providers.values.filter { $0.api != .local }.map(\.name)
        return used.union(remote).sorted()
    }

    /// The answers of the providers `names`, in that order; names without an entry are skipped.
    public func survey(_ names: [String]) async -> [ProviderModels] {
        let uses = ModelUse.collect(in: manifest.steps)
        let configs = names.compactMap(manifest.provider(named:))
        return await withTaskGroup(of: (Int, ProviderModels).self) { group in
            for (position, config) in configs.enumerated() {
                let ownUses = uses.filter { $0.model.provider == config.name }
                group.addTask { (position, await answer(of: config, uses: ownUses)) }
            }
            var answers: [(Int, ProviderModels)] = []
            for await answer in group { answers.append(answer) }
            return answers.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func answer(of config: ProviderConfig, uses: [ModelUse]) async -> ProviderModels {
        let outcome: Result<ModelCatalog, ProviderError>
        do {
            let list = try await list(config)
            outcome = .success(ModelCatalog(list, overrides: config.models, used: Set(uses.map(\.model.model))))
        } catch let error as ProviderError {
            outcome = .failure(error)
        } catch {
            outcome = .failure(ProviderError(.network, "the model list could not be fetched: \(error)"))
        }
        return ProviderModels(config: config, outcome: outcome, uses: uses)
    }

    private func list(_ config: ProviderConfig) async throws -> ModelList {
        let context = ProviderContext(clock: clock, pacer: Pacer(requestsPerMinute: config.requestsPerMinute, clock: clock),
                                      environment: environment)
        guard let provider = try providerFactory(config, context) as? any ModelListing else {
            throw ProviderError(.configuration, "this provider cannot list its models")
        }
        return try await provider.listModels()
    }
}
