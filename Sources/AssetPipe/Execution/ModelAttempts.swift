/// What a step's images came from, once some model produced them.
struct GeneratedStep: Sendable {
    var model: ModelRef
    var result: GenerationResult
    var attempts: Int
    /// Why earlier models were passed over, for the report and the progress line.
    var notes: [String]
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

    func generate(step: Step, inputs: ResolvedInputs) async throws -> GeneratedStep {
        let models = [step.model] + step.fallbacks
        var notes: [String] = []
        var attempts = 0
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
            for attempt in 1...max(handle.config.retry.maxAttempts, 1) {
                attempts += 1
                do {
                    let result = try await handle.slots.withSlot {
                        try await globalSlots.withSlot { try await handle.provider.generate(request) }
                    }
                    return GeneratedStep(model: model, result: result, attempts: attempts, notes: notes + result.notes)
                } catch let error as ProviderError {
                    lastError = error
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    lastError = ProviderError(.unusableResponse, String(describing: error))
                }
                try Task.checkCancellation()
                guard lastError.isRetryable, attempt < handle.config.retry.maxAttempts else { break }
                let delay = backoff.delay(afterAttempt: attempt, retryAfter: lastError.retryAfter)
                observer.record(.retrying(stepID: step.id, model: model, attempt: attempt + 1,
                                          maxAttempts: handle.config.retry.maxAttempts, delay: delay,
                                          reason: lastError.description))
                try await clock.sleep(for: delay)
            }
            let failure = "\(model) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(lastError)"
            // A bad key is not something another model can fix, and retrying elsewhere would hide it.
            if lastError.kind == .authentication || position == models.count - 1 {
                throw StepGenerationFailure(model: model, attempts: attempts, message: failure, notes: notes)
            }
            notes.append(failure)
        }
        throw StepGenerationFailure(model: models[models.count - 1], attempts: attempts, message: lastError.description, notes: notes)
    }
}
