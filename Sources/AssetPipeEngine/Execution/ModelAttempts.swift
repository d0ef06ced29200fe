import Synchronization
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache

/// Runs one step's request against its model and then its fallbacks, retrying each model as its
/// provider's retry policy allows, and splitting it into several requests when a model takes
/// fewer images per request than the step asks for.
///
/// Slots are taken per attempt, always in one order — the provider's task slot (for providers
/// whose answers may be async tasks), its request slot (`max_concurrent`), then the run's `--jobs`
/// slot — so two steps can never wait on each other. They are released during backoff, and a
/// submitted task gives back its request and `--jobs` slots while it waits on the platform, so
/// a slow platform holds up nobody else.
struct ModelAttempts: Sendable {
    var pool: ProviderPool
    var globalSlots: AsyncSemaphore
    var clock: any RunClock
    var observer: any RunObserver
    var random: @Sendable () -> Double
    var stop: StopSignal
    /// `--fail-fast`: a step's final failure stops the run before its slot is handed on.
    var failFast: Bool
    var budget: Budget?
    var estimator: CostEstimator
    /// Where tasks and partial results are filed, so an interrupted run's work is not paid twice.
    var journal: GenerationJournal?
    /// The run's batches, when some requests go through OpenAI's Batch API (or earlier runs
    /// left batches to collect).
    var batching: BatchRouting?

    /// Generates the step's images, starting from what an interrupted run left for exactly this
    /// request: its images received so far, and the task it was waiting on, collected first.
    /// `key`, the step's cache key, names its line in a batch and finds it in one an earlier run
    /// left open. `reusesEarlierWork` false (`--force` asks for new images) ignores open batches
    /// and answers the journal holds.
    func generate(step: Step, inputs: ImageInputs<InputImage>, leftovers: GenerationJournal.Leftovers = .init(),
                  key: String? = nil, reusesEarlierWork: Bool = true) async throws -> Generation {
        let models = [step.model] + step.fallbacks
        var progress = Generation(resuming: leftovers.received)
        if let task = leftovers.task { try await collect(task, step: step, inputs: inputs, into: &progress) }
        if progress.images.isEmpty, reusesEarlierWork, try await collectOpenBatch(step, inputs: inputs, key: key, into: &progress) {
            return progress
        }
        if batching?.options.collectOnly == true, progress.images.isEmpty {
            throw StepNotStarted(reason: "not collected: no batch of an earlier run holds its images")
        }
        var lastError = ProviderError(.configuration, "no model to try")
        for (position, model) in models.enumerated() {
            if let done = finished(progress, step) { return done }
            if position > 0 {
                observer.record(.fallingBack(stepID: step.id, from: models[position - 1], to: model, reason: lastError.description))
            }
            guard let handle = pool[model.provider] else {
                lastError = ProviderError(.configuration, "provider '\(model.provider)' is not configured")
                progress.notes.append("\(model) skipped: \(lastError.message)")
                continue
            }
            let requestsBefore = progress.requests
            do {
                try await fill(&progress, step: step, inputs: inputs, on: model, handle, isLastModel: position == models.count - 1,
                               key: key, replaysAnswers: reusesEarlierWork)
            } catch let failure as ModelFailure {
                lastError = failure.error
                let tries = progress.requests - requestsBefore
                let message = "\(model) failed after \(tries) attempt\(tries == 1 ? "" : "s"): \(failure.error)"
                if endsFallbacks(failure.error, lastModel: position == models.count - 1) {
                    throw StepGenerationFailure(model: model, attempts: progress.attempts, message: message, notes: progress.notes)
                }
                progress.notes.append(message)
            }
        }
        if let done = finished(progress, step) { return done }
        throw StepGenerationFailure(model: models[models.count - 1], attempts: progress.attempts, message: lastError.description,
                                    notes: progress.notes)
    }

    private func finished(_ progress: Generation, _ step: Step) -> Generation? {
        progress.images.count >= step.parameters.n && progress.model != nil ? progress : nil
    }

    /// Collects the task an interrupted run submitted. One that failed or is gone leaves the step to
    /// be generated as usual (with a note); one that succeeded with unreadable images fails the
    /// step, since a new request would pay for images that exist.
    private func collect(_ task: PendingTask, step: Step, inputs: ImageInputs<InputImage>, into progress: inout Generation) async throws {
        let candidates = ([step.model] + step.fallbacks).filter { $0.provider == task.provider }
        let submitter = task.model.flatMap(ModelRef.init(parsing:)).flatMap { candidates.contains($0) ? $0 : nil }
        guard let model = submitter ?? candidates.first, let handle = pool[task.provider] else { return }
        let request = partRequest(step, inputs, on: model, handle, received: progress.images.count)
        do {
            let result = try await TaskWaiter(handle: handle, clock: clock).result(of: task.taskID, for: request, pollAtOnce: true)
            progress.add(result, from: model)
            progress.notes.insert("collected task \(task.taskID) submitted by an interrupted run", at: 0)
        } catch let error as ProviderError where error.kind == .taskUnsettled {
            throw StepGenerationFailure(model: model, attempts: [], message: error.description, notes: progress.notes)
        } catch let error as ProviderError {
            await journal?.taskEnded(stepID: step.id)
            progress.notes.append("task \(task.taskID) from an interrupted run could not be collected: \(error)")
        }
    }

    /// A bad key is not something another model can fix, and moving on to another provider
    /// would hide it; a task whose images exist must not be paid for again elsewhere. Anything
    /// else may succeed on the next model.
    func endsFallbacks(_ error: ProviderError, lastModel: Bool) -> Bool {
        lastModel || error.kind == .authentication || error.kind == .taskUnsettled
    }
}
