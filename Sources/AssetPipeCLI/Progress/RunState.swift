import AssetPipeEngine
import AssetPipeManifest
import AssetPipeReporting

/// What a run has done so far, folded from its events: the one input of every progress view
/// (the live block, the heartbeat line). A value, so each view is a pure function of it and the
/// time, and is tested by feeding it events instead of running anything.
struct RunState: Sendable, Equatable {
    /// A step that started asking a provider for images and has not finished.
    struct ActiveStep: Sendable, Equatable {
        var id: String
        /// The model being asked now (a fallback replaces the step's first model).
        var model: ModelRef
        var startedAt: Duration
        /// The attempt on `model` being made or waited for: 1 for the first request.
        var attempt = 1
        var maxAttempts: Int?
        /// Why the step is not sending right now, while that lasts.
        var hold: Hold?

        /// The hold still in force at `now`, if any.
        func hold(at now: Duration) -> Hold? {
            hold.flatMap { $0.until > now ? $0 : nil }
        }
    }

    /// A wait imposed on a step, and when it ends.
    struct Hold: Sendable, Equatable {
        enum Cause: Sendable, Equatable {
            /// The provider's `requests_per_minute` pace.
            case pace(provider: String)
            /// The provider said when to come back (`Retry-After` and its kin).
            case retryAfter
            /// Backoff after a failure, before the next attempt.
            case backoff
        }

        var cause: Cause
        var until: Duration

        /// A wait the provider's limits impose, as opposed to our own backoff after an error.
        var isRateLimit: Bool { cause != .backoff }
    }

    /// When the progress view started watching (the run's elapsed time counts from here).
    var startedAt: Duration
    /// The run's size, once the engine has planned it.
    var plan: RunStart?
    var active: [String: ActiveStep] = [:]
    var finishedSteps = 0
    /// Images held by the steps that succeeded, generated or served from the cache.
    var imagesDone = 0
    var failed = 0
    /// USD spent by the steps finished so far.
    var cost = 0.0
    var throughput = Throughput()
    /// Batches submitted and not over, by id, as last reported.
    var batches: [String: BatchProgress] = [:]

    init(startedAt: Duration) {
        self.startedAt = startedAt
    }

    mutating func apply(_ event: RunEvent, at now: Duration) {
        switch event {
        case let .runStarted(start):
            plan = start
        case let .stepStarted(id, model):
            active[id] = ActiveStep(id: id, model: model, startedAt: now)
            throughput.stepStarted(at: now)
        case let .attemptFinished(id, _):
            active[id]?.hold = nil
        case let .waitingForRateLimit(id, provider, delay):
            active[id]?.hold = Hold(cause: .pace(provider: provider), until: now + delay)
        case let .retrying(id, model, attempt, maxAttempts, delay, _, retryAfter):
            active[id]?.model = model
            active[id]?.attempt = attempt
            active[id]?.maxAttempts = maxAttempts
            active[id]?.hold = Hold(cause: retryAfter ? .retryAfter : .backoff, until: now + delay)
        case let .fallingBack(id, _, to, _):
            active[id]?.model = to
            active[id]?.attempt = 1
            active[id]?.maxAttempts = nil
            active[id]?.hold = nil
        case let .batchProgress(batch):
            batches[batch.batchID] = batch.status.isFinal ? nil : batch
        case let .stepFinished(outcome):
            finish(outcome, at: now)
        }
    }

    private mutating func finish(_ outcome: StepOutcome, at now: Duration) {
        let started = active.removeValue(forKey: outcome.stepID) != nil
        finishedSteps += 1
        imagesDone += outcome.imagesHeld
        cost += outcome.cost ?? 0
        switch outcome.status {
        case .failed: failed += 1
        case .skipped where !started: throughput.stepWithdrawn()
        case .succeeded, .skipped, .cancelled: break
        }
        if started { throughput.stepSettled(at: now) }
    }
}

extension RunState {
    /// Active steps held back by a provider's limits at `now`.
    func waitingOnRateLimits(at now: Duration) -> Int {
        active.values.count { $0.hold(at: now)?.isRateLimit == true }
    }

    /// Active steps not held back by a provider's limits (sending, awaiting an answer or a
    /// task, or backing off after an error).
    func running(at now: Duration) -> Int {
        active.count - waitingOnRateLimits(at: now)
    }

    /// Steps neither started nor finished; nil before the plan is known. Steps served from the
    /// cache never start, so they count here until they finish.
    var queued: Int? {
        plan.map { max($0.steps - finishedSteps - active.count, 0) }
    }

    /// Active steps, the longest-running first.
    var activeByAge: [ActiveStep] {
        active.values.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }

    /// How long until the run is done, by the throughput observed so far (`Throughput`); nil
    /// until there is enough to go on.
    func eta(at now: Duration) -> Duration? {
        guard let plan else { return nil }
        return throughput.eta(planned: plan.stepsToGenerate, inFlight: active.count, at: now)
    }
}
