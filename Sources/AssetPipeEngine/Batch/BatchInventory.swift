import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache

/// The batches this cache's runs started and have not collected, as their records say and as
/// the API reports them now (`assetpipe batches`), and their cancellation.
public struct BatchInventory: Sendable {
    public struct Entry: Sendable {
        public var record: BatchRecord
        /// What the API says of it; nil when it was never submitted or could not be asked.
        public var remote: BatchObject?
        /// Why the API could not be asked.
        public var problem: String?
    }

    public var manifest: Manifest
    public var cache: GenerationCache
    public var environment: [String: String]
    public var providerFactory: ProviderFactory
    public var clock: any RunClock
    public var blocking: BlockingExecutor

    public init(manifest: Manifest, cache: GenerationCache, environment: [String: String],
                providerFactory: @escaping ProviderFactory = StandardProviders.make, clock: any RunClock = SystemClock(),
                blocking: BlockingExecutor = .shared) {
        self.manifest = manifest
        self.cache = cache
        self.environment = environment
        self.providerFactory = providerFactory
        self.clock = clock
        self.blocking = blocking
    }

    /// Every open batch, oldest first, with its state now.
    public func open() async -> [Entry] {
        await each { provider, batchID in try await provider.batch(id: batchID) }
    }

    /// Asks the API to cancel every open batch; what finished stays in its output file for a run
    /// to collect.
    public func cancel() async -> [Entry] {
        await each { provider, batchID in
            let batch = try await provider.batch(id: batchID)
            return batch.status.isFinal || batch.status == .cancelling ? batch : try await provider.cancelBatch(id: batchID)
        }
    }

    /// The account's newest batches made by assetpipe (tagged `metadata.assetpipe`) on each
    /// OpenAI provider of the manifest that has its key, by provider; the open ones included.
    public func recent() async -> [(provider: String, batches: [BatchObject])] {
        let names = Set(manifest.providers.values.filter { $0.api == .openai }.map(\.name))
        var found: [(provider: String, batches: [BatchObject])] = []
        for name in names.sorted() {
            guard let pool = try? ProviderPool(manifest: manifest, providers: [name], clock: clock, environment: environment,
                                               factory: providerFactory),
                  let provider = pool[name]?.provider as? any BatchingProvider,
                  let page = try? await provider.listBatches(after: nil) else { continue }
            found.append((name, page.batches.filter { $0.metadata["assetpipe"] != nil }))
        }
        return found
    }

    private func each(_ ask: @Sendable (any BatchingProvider, String) async throws -> BatchObject) async -> [Entry] {
        let records = (try? await blocking.runToCompletion { [cache] in cache.openBatches() }) ?? []
        let names = Set(records.map(\.provider)).filter { manifest.provider(named: $0) != nil }
        let pool: ProviderPool
        do {
            pool = try ProviderPool(manifest: manifest, providers: names, clock: clock, environment: environment,
                                    factory: providerFactory)
        } catch {
            return records.map { Entry(record: $0, problem: "\(error)") }
        }
        var entries: [Entry] = []
        for record in records {
            guard let batchID = record.batchID else {
                entries.append(Entry(record: record))
                continue
            }
            guard let provider = pool[record.provider]?.provider as? any BatchingProvider else {
                entries.append(Entry(record: record, problem: "provider '\(record.provider)' is no longer in the manifest"))
                continue
            }
            do {
                entries.append(Entry(record: record, remote: try await ask(provider, batchID)))
            } catch {
                entries.append(Entry(record: record, problem: "\(error)"))
            }
        }
        return entries
    }
}
