import AssetPipeManifest
import AssetPipeProviders

/// Requests that go as lines of a batch: no slot is held while the batch runs (it may take
/// hours), the budget reserves the batch price, and a step a batch of an earlier run still
/// answers for is answered from it.
extension ModelAttempts {
    /// One request as a line of its step's wave: its images, and the batch that brought them.
    func batchAttempt(_ request: GenerationRequest, on model: ModelRef, _ handle: ProviderHandle, _ route: BatchRoute,
                      progress: inout Generation, sentAt: inout Duration?) async throws -> (GenerationResult, String) {
        guard let batching else { throw ProviderError(.configuration, "no batches in this run") }
        if progress.requests == 0, let reason = stop.reason { throw StepNotStarted(reason: reason) }
        let reserved = try reserve(estimator.estimate(model, request.parameters, inBatch: true), model: model,
                                   requestsSoFar: progress.requests)
        sentAt = clock.now
        if progress.requests == 0 { observer.record(.stepStarted(stepID: request.stepID, model: model)) }
        // No `--jobs` slot while the wave waits: the steps it waits for may need one to get there.
        StepContext.lease?.release()
        do {
            let answer = try await batching.coordinator.submit(stepID: request.stepID, key: route.key, request: request, model: model,
                                                               handle: handle, provider: route.provider)
            // The batch held no `--jobs` slot; reading its answer takes one.
            try await StepContext.lease?.hold()
            let result = try await route.provider.result(of: answer.line, for: request)
            budget?.settle(reserved: reserved, cost: result.reportedCost ?? reserved)
            return (result, answer.batchID)
        } catch let error as ProviderError {
            StepContext.lease?.release()
            // A line that failed is not billed; one whose batch cannot be read yet probably is.
            budget?.settle(reserved: reserved, cost: error.kind == .taskUnsettled ? reserved : nil)
            throw error
        } catch {
            StepContext.lease?.release()
            // Submitted and not waited for: it will be paid.
            budget?.settle(reserved: reserved, cost: error is BatchSubmitted ? reserved : nil)
            throw error
        }
    }

    /// The answer a batch of an earlier run holds for `key`, added to `progress`; false when no
    /// open batch holds it (or its line failed: the step asks anew, as after a failed request).
    func collectOpenBatch(_ step: Step, inputs: ImageInputs<InputImage>, key: String?,
                          into progress: inout Generation) async throws -> Bool {
        guard let batching, let key, let model = await batching.coordinator.openBatchModel(for: key),
              let handle = pool[model.provider], let provider = handle.provider as? any BatchingProvider else { return false }
        let request = partRequest(step, inputs, on: model, handle, received: 0)
        do {
            guard let answer = try await batching.coordinator.collect(stepID: step.id, key: key, handle: handle, provider: provider, model: model) else {
                return false
            }
            try await StepContext.lease?.hold()
            progress.add(try await provider.result(of: answer.line, for: request), from: model)
            progress.batchID = answer.batchID
            progress.notes.insert("collected from batch \(answer.batchID), submitted by an earlier run", at: 0)
            return true
        } catch let error as ProviderError where error.kind == .taskUnsettled {
            throw StepGenerationFailure(model: model, attempts: [], message: error.description, notes: progress.notes)
        } catch let error as ProviderError {
            StepContext.lease?.release()
            progress.notes.append("batch line from an earlier run failed: \(error)")
            return false
        }
    }
}
