import AssetPipeManifest
import AssetPipeProviders

/// Answers an interrupted run received and did not get to store: read again from the journal
/// instead of being asked (and paid) for again.
extension ModelAttempts {
    /// The result of the answer the journal holds for `request` on `model`; nil when it holds
    /// none, or one that cannot be used (which is then marked so, and the request is sent).
    func replayedAnswer(_ request: GenerationRequest, on model: ModelRef, _ handle: ProviderHandle,
                        notes: inout [String]) async throws -> GenerationResult? {
        guard let journal, let recorded = await journal.recordedAnswer(stepID: request.stepID, part: request.imagesBefore, model: model)
        else { return nil }
        do {
            try await StepContext.lease?.hold()
            guard let answer = try await handle.provider.replay(recorded, for: request) else { return nil }
            let result = try await result(of: answer, for: request, on: model, handle)
            notes.append("an answer from \(model) received by an interrupted run was read again from the cache: not asked for twice")
            return result
        } catch let error as ProviderError {
            await journal.answerRejected(stepID: request.stepID, part: request.imagesBefore, reason: error.description)
            notes.append("an answer an interrupted run received from \(model) could not be used (\(error)); asked again")
            return nil
        }
    }
}
