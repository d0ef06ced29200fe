import AssetPipeManifest
import AssetPipeProviders
/// The requests of one model: as many as its per-request image limit needs, each retried as the
/// provider's policy allows, each one attempt under slots and the budget.
extension ModelAttempts {
    /// Requests to `model` until the step has its `n` images. Images received before the last
    /// request are filed in the journal, so a run killed between requests does not pay for them
    /// again. Throws `ModelFailure` when the model gives up.
    func fill(_ progress: inout Generation, step: Step, inputs: ImageInputs<InputImage>, on model: ModelRef,
              _ handle: ProviderHandle, isLastModel: Bool, key: String?, replaysAnswers: Bool) async throws {
        let wanted = step.parameters.n
        let batch = batching?.route(step, on: model, handle, key: key)
        // A step its wave expected that sends on its own: the wave need not wait for it.
        if batch == nil, let batching { await batching.coordinator.leave(step.id) }
        if let limit = handle.provider.maxImagesPerRequest(for: model.model), limit < wanted - progress.images.count {
            progress.notes.append("n = \(wanted) asked of \(model) in requests of at most \(limit): it takes at most \(limit) image\(limit == 1 ? "" : "s") per request")
        }
        while progress.images.count < wanted {
            let request = partRequest(step, inputs, on: model, handle, received: progress.images.count)
            let result: GenerationResult
            if replaysAnswers, let replayed = try await replayedAnswer(request, on: model, handle, notes: &progress.notes) {
                result = replayed
            } else {
                result = try await retried(request, on: model, handle, isLastModel: isLastModel, batch: batch, progress: &progress)
            }
            progress.add(result, from: model)
            if progress.images.count < wanted {
                await journal?.received(stepID: step.id, images: progress.images, model: model, cost: progress.reportedCost)
            }
        }
    }

    /// The request for the step's next images on `model`: all that are missing, or as many as
    /// the model takes in one request.
    func partRequest(_ step: Step, _ inputs: ImageInputs<InputImage>, on model: ModelRef, _ handle: ProviderHandle,
                     received: Int) -> GenerationRequest {
        var parameters = step.parameters
        let missing = max(parameters.n - received, 1)
        parameters.n = min(missing, max(handle.provider.maxImagesPerRequest(for: model.model) ?? missing, 1))
        return GenerationRequest(stepID: step.id, model: model.model, operation: step.operation, prompt: step.prompt,
                                 parameters: parameters, inputs: inputs, imagesBefore: received)
    }

    /// `request` on `model`, tried again after a backoff while the error is worth it and the
    /// policy has attempts left. Every request sent is logged with what followed it.
    private func retried(_ request: GenerationRequest, on model: ModelRef, _ handle: ProviderHandle, isLastModel: Bool,
                         batch: BatchRoute?, progress: inout Generation) async throws -> GenerationResult {
        let policy = handle.config.retry
        let backoff = Backoff(policy: policy, random: random)
        var attempt = 1
        while true {
            let error: ProviderError
            var sentAt: Duration?
            // With `--batch-retry=sync`, a line that failed is tried again on its own.
            let route = batch.flatMap { attempt > 1 && batching?.options.retrySynchronously == true ? nil : $0 }
            var batchID: String?
            do {
                let result: GenerationResult
                if let route {
                    (result, batchID) = try await batchAttempt(request, on: model, handle, route, progress: &progress, sentAt: &sentAt)
                } else {
                    result = try await self.attempt(request, on: model, handle, progress: &progress, sentAt: &sentAt) { error in
                        failFast && !willRetry(error, attempt: attempt, policy: policy) && endsFallbacks(error, lastModel: isLastModel)
                    }
                }
                log(.succeeded, request, model, attempt: attempt, sentAt: sentAt, batchID: batchID, into: &progress)
                progress.batchID = batchID
                return result
            } catch let submitted as BatchSubmitted {
                log(.pending, request, model, attempt: attempt, sentAt: sentAt, batchID: submitted.batchID, into: &progress)
                throw submitted
            } catch let failure as ProviderError {
                error = failure
                // An answer that arrived and could not be used says why next to it.
                if failure.kind == .unusableResponse {
                    await journal?.answerRejected(stepID: request.stepID, part: request.imagesBefore, reason: failure.description)
                }
            } catch is CancellationError {
                log(.interrupted, request, model, attempt: attempt, sentAt: sentAt, into: &progress)
                if progress.requests == 0 { throw StepNotStarted(reason: "not started: the run was interrupted") }
                throw CancellationError()
            } catch let notStarted as StepNotStarted {
                throw notStarted
            } catch {
                // Providers classify what they know; anything else is a defect, not a blip.
                let defect = ProviderError(.configuration, String(describing: error))
                log(isLastModel ? .failed : .fellBack, request, model, attempt: attempt, sentAt: sentAt, error: defect, into: &progress)
                throw ModelFailure(error: defect)
            }
            let again = willRetry(error, attempt: attempt, policy: policy) && !Task.isCancelled
            let disposition: AttemptRecord.Disposition = again ? .retried : endsFallbacks(error, lastModel: isLastModel) ? .failed : .fellBack
            log(disposition, request, model, attempt: attempt, sentAt: sentAt, batchID: batchID, error: error, into: &progress)
            try Task.checkCancellation()
            guard again else { throw ModelFailure(error: error) }
            // The next batch is its own wait: a line tried again there needs no backoff.
            let nextInBatch = batch != nil && batching?.options.retrySynchronously != true
            let delay = nextInBatch ? .zero : backoff.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
            observer.record(.retrying(stepID: request.stepID, model: model, attempt: attempt + 1, maxAttempts: policy.maxAttempts,
                                      delay: delay, reason: error.description, retryAfter: error.retryAfter != nil))
            try await clock.sleep(for: delay)
            attempt += 1
        }
    }

    /// Files a request that was sent (one refused before sending has nothing to log) and tells
    /// the observer.
    private func log(_ disposition: AttemptRecord.Disposition, _ request: GenerationRequest, _ model: ModelRef, attempt: Int,
                     sentAt: Duration?, batchID: String? = nil, error: ProviderError? = nil, into progress: inout Generation) {
        guard let sentAt else { return }
        let record = AttemptRecord(model: model, attempt: attempt, disposition: disposition, duration: clock.now - sentAt,
                                   httpStatus: error?.httpStatus, error: error?.message, batchID: batchID)
        progress.attempts.append(record)
        observer.record(.attemptFinished(stepID: request.stepID, record))
    }

    private func willRetry(_ error: ProviderError, attempt: Int, policy: RetryPolicy) -> Bool {
        error.isRetryable && attempt < policy.maxAttempts
    }

    /// One request: slots in their fixed order, the budget's reservation, the send, and for a
    /// task the wait, outside the request and `--jobs` slots. `stopsTheRun` says whether an error
    /// ends the step for good, so `--fail-fast` stops the run before the slot is handed on.
    /// The `--jobs` slot stays with the step's lease once images arrive (see `StepLease`).
    private func attempt(_ request: GenerationRequest, on model: ModelRef, _ handle: ProviderHandle,
                         progress: inout Generation, sentAt: inout Duration?,
                         stopsTheRun: (ProviderError) -> Bool) async throws -> GenerationResult {
        let stepLease = StepContext.lease
        let lease = stepLease ?? StepLease(slots: globalSlots)
        // Slots in their fixed order: a lease kept from an earlier part goes back first.
        lease.release()
        if let taskSlots = handle.taskSlots { try await taskSlots.acquire() }
        defer { handle.taskSlots?.release() }
        var reserved = 0.0
        do {
            let answer = try await handle.requestSlots.withSlot {
                try await lease.hold()
                do {
                    if progress.requests == 0, let reason = stop.reason { throw StepNotStarted(reason: reason) }
                    reserved = try reserve(estimator.estimate(model, request.parameters), model: model,
                                           requestsSoFar: progress.requests)
                    sentAt = clock.now
                    if progress.requests == 0 { observer.record(.stepStarted(stepID: request.stepID, model: model)) }
                    do {
                        return try await handle.provider.generate(request)
                    } catch let error as ProviderError {
                        if stopsTheRun(error) { stop.stop("not started: --fail-fast after '\(request.stepID)' failed") }
                        throw error
                    }
                } catch {
                    lease.release()
                    throw error
                }
            }
            // Without a step's lease (a caller outside the executor), the slot covers the request only.
            if stepLease == nil { lease.release() }
            let result = try await result(of: answer, for: request, on: model, handle)
            budget?.settle(reserved: reserved, cost: result.reportedCost ?? reserved)
            return result
        } catch let error as ProviderError {
            lease.release()
            budget?.settle(reserved: reserved, cost: error.wasProbablyBilled ? reserved : nil)
            throw error
        } catch {
            lease.release()
            budget?.settle(reserved: reserved, cost: nil)
            throw error
        }
    }

    /// The images of an answer: at once, or once its task finishes. A task is filed in the journal
    /// before it is waited on, and forgotten once it has failed (a failed task has nothing to collect).
    func result(of answer: ProviderAnswer, for request: GenerationRequest, on model: ModelRef,
                        _ handle: ProviderHandle) async throws -> GenerationResult {
        switch answer {
        case let .images(result):
            return result
        case let .task(id):
            await journal?.submitted(stepID: request.stepID, provider: handle.config.name, taskID: id, model: model)
            // A task waiting on its platform holds no `--jobs` slot; its images take one again.
            StepContext.lease?.release()
            do {
                let result = try await TaskWaiter(handle: handle, clock: clock).result(of: id, for: request)
                try await StepContext.lease?.hold()
                return result
            } catch let error as ProviderError where error.kind != .taskUnsettled {
                await journal?.taskEnded(stepID: request.stepID)
                throw error
            }
        }
    }

    /// Reserves the request's estimated cost. Over budget, the run sends no more paid requests
    /// (free and cached steps go on); a step that has sent nothing yet is reported as not
    /// started, one mid-retry as failed.
    func reserve(_ estimate: Double?, model: ModelRef, requestsSoFar: Int) throws -> Double {
        guard let budget else { return estimate ?? 0 }
        do {
            return try budget.reserve(estimate, model: model)
        } catch {
            if requestsSoFar == 0 { throw StepNotStarted(reason: error.description) }
            throw ProviderError(.configuration, error.description)
        }
    }
}
