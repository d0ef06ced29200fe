import Synchronization

/// What a step's images came from, once some model produced them.
struct GeneratedStep: Sendable {
    var model: ModelRef
    var result: GenerationResult
    var attempts: Int
    /// Why earlier models were passed over, for the report and the progress line.
    var notes: [String]
}

/// A step that made no request because the run stopped first (`--fail-fast`, an interrupt).
struct StepNotStarted: Error, Sendable {
    var reason: String
}

/// Tells steps still waiting for a slot not to start: set by `--fail-fast` after a failure.
final class StopSignal: Sendable {
    private let state = Mutex<String?>(nil)

    var reason: String? { state.withLock { $0 } }

    func stop(_ reason: String) {
        state.withLock { $0 = $0 ?? reason }
    }
}

/// A step for which no model produced images.
struct StepGenerationFailure: Error, Sendable {
    var model: ModelRef
    var attempts: Int
    var message: String
    var notes: [String]
}

/// Runs one step's request against its model and then its fallbacks, retrying each model as its
/// provider's retry policy allows.
///
/// Slots are taken per attempt (provider first, then the global `--jobs` slot, always in that
/// order so two steps can never wait on each other) and released during backoff, so a step
/// sleeping out a `Retry-After` does not keep other steps from running.
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
    /// Where async tasks are filed, so a resumed one is credited to the model that submitted it.
    var tasks: TaskJournal?

    /// Generates the step's images; `pending` is a task an earlier run submitted for exactly this
    /// request, collected first when its provider still has it.
    func generate(step: Step, inputs: ResolvedInputs, pending: PendingTask? = nil) async throws -> GeneratedStep {
        let models = [step.model] + step.fallbacks
        var notes: [String] = []
        if let pending, let resumed = try await collect(pending, step: step, inputs: inputs, notes: &notes) {
            return resumed
        }
        var attempts = 0  // requests actually sent
        var lastError = ProviderError(.configuration, "no model to try")
        for (position, model) in models.enumerated() {
            if position > 0 {
                observer.record(.fallingBack(stepID: step.id, from: models[position - 1], to: model, reason: lastError.description))
            }
            guard let handle = pool[model.provider] else {
                lastError = ProviderError(.configuration, "provider '\(model.provider)' is not configured")
                notes.append("\(model) skipped: \(lastError.message)")
                continue
            }
            let request = GenerationRequest(stepID: step.id, model: model.model, operation: step.operation,
                                            prompt: step.prompt, parameters: step.parameters, images: inputs.images,
                                            mask: inputs.mask, referenceImages: inputs.referenceImages)
            let backoff = Backoff(policy: handle.config.retry, random: random)
            let attemptsBefore = attempts
            for attempt in 1...max(handle.config.retry.maxAttempts, 1) {
                let lastModel = position == models.count - 1
                do {
                    let result = try await handle.slots.withSlot {
                        try await globalSlots.withSlot {
                            if attempts == 0, let reason = stop.reason { throw StepNotStarted(reason: reason) }
                            let n = request.parameters.n
                            let reserved = try reserve(estimator.estimate(model, request.parameters), model: model, images: n,
                                                       requestsSoFar: attempts)
                            attempts += 1
                            tasks?.attempting(stepID: step.id, model: model)
                            do {
                                let result = try await handle.provider.generate(request)
                                budget?.settle(reserved: reserved, cost: result.reportedCost ?? reserved,
                                               reported: result.reportedCost != nil, model: model, images: n)
                                return result
                            } catch let error as ProviderError {
                                // A timeout or an unusable 2xx answer was most likely rendered and
                                // billed: a budget counts it rather than let the run overspend.
                                let billed = error.kind == .timeout || error.kind == .unusableResponse
                                budget?.settle(reserved: reserved, cost: billed ? reserved : nil, model: model, images: n)
                                if failFast, isFinal(error, attempt: attempt, policy: handle.config.retry, lastModel: lastModel) {
                                    stop.stop("not started: --fail-fast after '\(step.id)' failed")
                                }
                                throw error
                            } catch {
                                budget?.settle(reserved: reserved, cost: nil, model: model, images: n)
                                throw error
                            }
                        }
                    }
                    return GeneratedStep(model: model, result: result, attempts: attempts, notes: notes + result.notes)
                } catch let error as ProviderError {
                    lastError = error
                } catch let error as StepNotStarted {
                    throw error
                } catch is CancellationError {
                    if attempts == 0 { throw StepNotStarted(reason: "not started: the run was interrupted") }
                    throw CancellationError()
                } catch {
                    // Providers classify what they know; anything else is a defect, not a blip.
                    lastError = ProviderError(.configuration, String(describing: error))
                }
                try Task.checkCancellation()
                guard willRetry(lastError, attempt: attempt, policy: handle.config.retry) else { break }
                let delay = backoff.delay(afterAttempt: attempt, retryAfter: lastError.retryAfter)
                observer.record(.retrying(stepID: step.id, model: model, attempt: attempt + 1,
                                          maxAttempts: handle.config.retry.maxAttempts, delay: delay,
                                          reason: lastError.description))
                try await clock.sleep(for: delay)
            }
            let tries = attempts - attemptsBefore
            let failure = "\(model) failed after \(tries) attempt\(tries == 1 ? "" : "s"): \(lastError)"
            if endsFallbacks(lastError, lastModel: position == models.count - 1) {
                throw StepGenerationFailure(model: model, attempts: attempts, message: failure, notes: notes)
            }
            notes.append(failure)
        }
        throw StepGenerationFailure(model: models[models.count - 1], attempts: attempts, message: lastError.description, notes: notes)
    }

    /// The result of a task submitted by an interrupted run, or nil (with a note) when it cannot
    /// be collected any more and the step must be generated as usual.
    private func collect(_ pending: PendingTask, step: Step, inputs: ResolvedInputs, notes: inout [String]) async throws -> GeneratedStep? {
        let candidates = ([step.model] + step.fallbacks).filter { $0.provider == pending.provider }
        let submitter = pending.model.flatMap(ModelRef.init(parsing:)).flatMap { candidates.contains($0) ? $0 : nil }
        guard let model = submitter ?? candidates.first, let handle = pool[pending.provider] else { return nil }
        let request = GenerationRequest(stepID: step.id, model: model.model, operation: step.operation, prompt: step.prompt,
                                        parameters: step.parameters, images: inputs.images, mask: inputs.mask,
                                        referenceImages: inputs.referenceImages)
        do {
            let result = try await handle.slots.withSlot {
                try await globalSlots.withSlot { try await handle.provider.resume(taskID: pending.taskID, request: request) }
            }
            guard let result else { return nil }
            return GeneratedStep(model: model, result: result, attempts: 1,
                                 notes: ["collected task \(pending.taskID) submitted by an interrupted run"] + result.notes)
        } catch let error as ProviderError {
            notes.append("task \(pending.taskID) from an interrupted run could not be collected: \(error)")
            return nil
        }
    }

    /// Reserves the request's estimated cost. Over budget, the run sends no more paid requests
    /// (free and cached steps go on); a step that has sent nothing yet is reported as not
    /// started, one mid-retry as failed.
    private func reserve(_ estimate: Double?, model: ModelRef, images: Int, requestsSoFar: Int) throws -> Double {
        guard let budget else { return estimate ?? 0 }
        do {
            return try budget.reserve(estimate, model: model, images: images)
        } catch {
            if requestsSoFar == 0 { throw StepNotStarted(reason: error.description) }
            throw ProviderError(.configuration, error.description)
        }
    }

    private func willRetry(_ error: ProviderError, attempt: Int, policy: RetryPolicy) -> Bool {
        error.isRetryable && attempt < policy.maxAttempts
    }

    /// A bad key is not something another model can fix, and moving on to another provider
    /// would hide it; anything else may succeed on the next model.
    private func endsFallbacks(_ error: ProviderError, lastModel: Bool) -> Bool {
        lastModel || error.kind == .authentication
    }

    /// Neither a retry nor a fallback follows this error: the step has failed.
    private func isFinal(_ error: ProviderError, attempt: Int, policy: RetryPolicy, lastModel: Bool) -> Bool {
        !willRetry(error, attempt: attempt, policy: policy) && endsFallbacks(error, lastModel: lastModel)
    }
}
