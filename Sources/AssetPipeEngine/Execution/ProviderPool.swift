import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
/// A provider ready for use: its implementation, its entry and its concurrency slots.
public struct ProviderHandle: Sendable {
    public var config: ProviderConfig
    public var provider: any ImageProvider
    /// `max_concurrent`: requests (or local renders) in flight to this provider at once, task
    /// polls included.
    public var requestSlots: AsyncSemaphore
    /// `max_tasks_in_flight`: tasks submitted and not yet finished, for providers whose answers
    /// may be async tasks (`api: openai`); nil for the others.
    public var taskSlots: AsyncSemaphore?

    public init(config: ProviderConfig, provider: any ImageProvider) {
        self.config = config
        self.provider = provider
        requestSlots = AsyncSemaphore(limit: config.maxConcurrent)
        taskSlots = config.api == .openai ? AsyncSemaphore(limit: config.maxTasksInFlight) : nil
    }
}

/// Every provider a run may use, built once per run so that limits are shared by all steps.
public struct ProviderPool: Sendable {
    private var handles: [String: ProviderHandle]

    /// Builds only the providers some step (or fallback) of `steps` uses.
    /// `observer` hears of every request a provider's pace holds back, by step.
    /// With a `journal`, every answer is filed in it the moment it arrives.
    public init(manifest: Manifest, steps: [Step], clock: any RunClock, environment: [String: String],
                factory: ProviderFactory, observer: any RunObserver = SilentObserver(), journal: GenerationJournal? = nil) throws {
        try self.init(manifest: manifest, providers: Set(steps.flatMap { [$0.model.provider] + $0.fallbacks.map(\.provider) }),
                      clock: clock, environment: environment, factory: factory, observer: observer, journal: journal)
    }

    /// Builds the providers named.
    public init(manifest: Manifest, providers used: Set<String>, clock: any RunClock, environment: [String: String],
                factory: ProviderFactory, observer: any RunObserver = SilentObserver(), journal: GenerationJournal? = nil) throws {
        var handles: [String: ProviderHandle] = [:]
        for name in used.sorted() {
            guard let config = manifest.provider(named: name) else {
                throw ProviderError(.configuration, "no provider named '\(name)' in the manifest")
            }
            let pacer = Pacer(requestsPerMinute: config.requestsPerMinute, clock: clock) { delay in
                guard let stepID = StepContext.stepID else { return }
                observer.record(.waitingForRateLimit(stepID: stepID, provider: name, delay: delay))
            }
            let context = ProviderContext(clock: clock, pacer: pacer, environment: environment,
                                          answers: journal.map { JournalAnswerRecorder(journal: $0, provider: name) })
            handles[name] = ProviderHandle(config: config, provider: try factory(config, context))
        }
        self.handles = handles
    }

    public subscript(name: String) -> ProviderHandle? { handles[name] }
}
