/// What a provider implementation is built with: shared services injected by the runner, so
/// tests substitute a manual clock, a fake transport or a scripted provider.
public struct ProviderContext: Sendable {
    public var clock: any RunClock
    /// Paces every HTTP request to this provider (`requests_per_minute`, 429 slow-down).
    public var pacer: any RequestPacer
    /// Where `api_key_env` is read.
    public var environment: [String: String]
    /// Called when an async-task platform accepted a request (step id, task id), so the task can
    /// be collected after a crash instead of paid for again.
    public var onTaskSubmitted: (@Sendable (_ stepID: String, _ taskID: String) -> Void)?

    public init(clock: any RunClock, pacer: any RequestPacer, environment: [String: String],
                onTaskSubmitted: (@Sendable (_ stepID: String, _ taskID: String) -> Void)? = nil) {
        self.clock = clock
        self.pacer = pacer
        self.environment = environment
        self.onTaskSubmitted = onTaskSubmitted
    }
}

/// Builds the provider for one manifest entry.
public typealias ProviderFactory = @Sendable (ProviderConfig, ProviderContext) throws -> any ImageProvider

/// A provider ready for use: its implementation, its entry and its concurrency slots.
public struct ProviderHandle: Sendable {
    public var config: ProviderConfig
    public var provider: any ImageProvider
    /// `max_concurrent`: requests in flight to this provider at once.
    public var slots: AsyncSemaphore
}

/// Every provider a run may use, built once per run so that limits are shared by all steps.
public struct ProviderPool: Sendable {
    private var handles: [String: ProviderHandle]

    /// Builds only the providers some step (or fallback) of `steps` uses.
    public init(manifest: Manifest, steps: [Step], clock: any RunClock, environment: [String: String],
                factory: ProviderFactory, tasks: TaskJournal? = nil) throws {
        let used = Set(steps.flatMap { [$0.model.provider] + $0.fallbacks.map(\.provider) })
        var handles: [String: ProviderHandle] = [:]
        for name in used.sorted() {
            guard let config = manifest.providers[name] ?? (name == "local" ? .local : nil) else {
                throw ProviderError(.configuration, "no provider named '\(name)' in the manifest")
            }
            let pacer = Pacer(requestsPerMinute: config.requestsPerMinute, clock: clock)
            var context = ProviderContext(clock: clock, pacer: pacer, environment: environment)
            if let tasks {
                context.onTaskSubmitted = { stepID, taskID in tasks.submitted(provider: name, stepID: stepID, taskID: taskID) }
            }
            handles[name] = ProviderHandle(config: config, provider: try factory(config, context),
                                           slots: AsyncSemaphore(limit: config.maxConcurrent))
        }
        self.handles = handles
    }

    public subscript(name: String) -> ProviderHandle? { handles[name] }
}
