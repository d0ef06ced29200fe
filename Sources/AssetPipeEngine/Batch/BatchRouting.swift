import AssetPipeManifest
import AssetPipeProviders

/// Where a step's requests go in batches: what the attempts ask before each model.
struct BatchRouting: Sendable {
    var coordinator: BatchCoordinator
    var plan: BatchPlan
    var options: BatchOptions
    var manifest: Manifest

    /// The way `step`'s request to `model` goes in a batch (the provider and the line's id, its
    /// cache key); nil when it is sent on its own.
    func route(_ step: Step, on model: ModelRef, _ handle: ProviderHandle, key: String?) -> BatchRoute? {
        guard let key, let provider = handle.provider as? any BatchingProvider,
              BatchPlan.accepts(step, on: model, manifest: manifest, options: options) else { return nil }
        if options.mode == .roots, plan.waves[step.id] == nil, step.batch != true { return nil }
        // A line asks for all the step's images at once.
        if let limit = provider.maxImagesPerRequest(for: model.model), limit < step.parameters.n { return nil }
        return BatchRoute(provider: provider, key: key)
    }
}

struct BatchRoute: Sendable {
    var provider: any BatchingProvider
    var key: String
}
