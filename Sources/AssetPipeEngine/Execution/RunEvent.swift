import AssetPipeManifest
/// What happens during a run, as it happens: the terminal's live status, the CI log's plain
/// lines and the `--events` NDJSON stream are all folds of these; tests record them.
public enum RunEvent: Sendable {
    /// The plan is known: how much work the run has ahead of it.
    case runStarted(RunStart)
    /// The step's first request goes out, holding its slots: a step waiting for a slot has not
    /// started yet (a step served from the cache has no start, only its finish).
    case stepStarted(stepID: String, model: ModelRef)
    /// One request ended: how, and what the run did about it.
    case attemptFinished(stepID: String, AttemptRecord)
    /// The provider's requests-per-minute pace holds the step's next request back for `delay`.
    case waitingForRateLimit(stepID: String, provider: String, delay: Duration)
    /// The step tries `model` again after `delay` (the provider's `Retry-After` when it gave one).
    case retrying(stepID: String, model: ModelRef, attempt: Int, maxAttempts: Int, delay: Duration, reason: String,
                  retryAfter: Bool)
    case fallingBack(stepID: String, from: ModelRef, to: ModelRef, reason: String)
    /// A batch was submitted, moved on, or ended.
    case batchProgress(BatchProgress)
    case stepFinished(StepOutcome)
}

/// The size of a run, as planned before anything is sent.
public struct RunStart: Sendable, Equatable {
    /// Steps the run decides (selected by `--only`, or all).
    public var steps: Int
    /// Images those steps produce, whether generated or served from the cache.
    public var images: Int
    /// Steps that will ask a provider for images (the rest are up to date or re-rendered).
    public var stepsToGenerate: Int
    /// USD the generating steps are expected to cost by the manifest's prices (unpriced ones count 0).
    public var estimatedCost: Double

    public init(steps: Int, images: Int, stepsToGenerate: Int, estimatedCost: Double) {
        self.steps = steps
        self.images = images
        self.stepsToGenerate = stepsToGenerate
        self.estimatedCost = estimatedCost
    }
}

/// Receives run events. Called from many tasks at once; implementations must be thread-safe
/// and quick (no awaiting), since they sit on the executor's path.
public protocol RunObserver: Sendable {
    func record(_ event: RunEvent)
}

/// For callers that only want the final report.
public struct SilentObserver: RunObserver {
    public init() {}
    public func record(_ event: RunEvent) {}
}

/// Several observers as one: the terminal, the events file and a test's recorder alike.
public struct ObserverGroup: RunObserver {
    public var members: [any RunObserver]

    public init(_ members: [any RunObserver]) {
        self.members = members
    }

    public func record(_ event: RunEvent) {
        for member in members { member.record(event) }
    }
}
