import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache

extension Runner {
    /// Which of the steps that will generate go through batches, and in which wave.
    func batchPlan(steps: [Step], generating: [Step]) -> BatchPlan {
        if options.batch.collectOnly { return .none }
        return BatchPlan(manifest: manifest, steps: steps, generating: Set(generating.map(\.id)), options: options.batch)
    }

    /// The run's batches: this run's waves, and the batches earlier runs left to collect; nil
    /// when there are neither, or no cache to file them in (a batch's ids must outlive the run).
    func batchRouting(plan: BatchPlan, graph: StepGraph) async -> BatchRouting? {
        guard let caching else { return nil }
        let open = await openBatches(in: caching.cache)
        // Collecting only must hold back every new request, even with nothing left to collect.
        guard !plan.waves.isEmpty || !open.isEmpty || options.batch.collectOnly else { return nil }
        let (cache, blocking, clock, observer, timestamp, wait) = (caching.cache, blocking, clock, observer, caching.timestamp,
                                                                     options.batch.wait)
        let coordinator = BatchCoordinator(
            plan: plan, graph: graph, options: options.batch, openBatches: open,
            makeSubmission: { handle, provider, model in
                BatchSubmission(cache: cache, blocking: blocking, clock: clock, observer: observer, timestamp: timestamp,
                                handle: handle, provider: provider, model: model, wait: wait)
            },
            forget: { token in _ = try? await blocking.runToCompletion { cache.clearBatch(token: token) } })
        return BatchRouting(coordinator: coordinator, plan: plan, options: options.batch, manifest: manifest)
    }

    /// Earlier runs' batches with the keys whose answers the cache still lacks; those it holds
    /// every answer of are forgotten (a run killed after storing them, before dropping the record).
    private func openBatches(in cache: GenerationCache) async -> [BatchRecord] {
        (try? await blocking.runToCompletion {
            cache.openBatches().compactMap { record in
                var open = record
                open.lines = record.lines.filter { cache.record(for: $0.key) == nil }
                if open.lines.isEmpty { cache.clearBatch(token: record.token) }
                return open.lines.isEmpty ? nil : open
            }
        }) ?? []
    }
}
