/// The names of the `--events` file: each line's `type`, and every field a line may carry.
/// Declared once; the README's table documents each, and a spec holds the two together.
/// Names are stable: new ones may be added, existing ones keep their meaning.
package enum EventType: String, Sendable, CaseIterable {
    case runStarted = "run_started"
    case stepStarted = "step_started"
    case attempt
    case waiting
    case retrying
    case fellBack = "fell_back"
    case batch
    case stepFinished = "step_finished"
    case runFinished = "run_finished"
}

package enum EventField: String, Sendable, CaseIterable {
    case type, time, step, model, provider, attempt, status, reason, seconds, images, requests, outputs, cost, result
    case maxAttempts = "max_attempts"
    case httpStatus = "http_status"
    case waitSeconds = "wait_s"
    case retryAfter = "retry_after"
    case from, to
    case savedCost = "saved_cost"
    case steps
    case stepsToGenerate = "steps_to_generate"
    case estimatedCost = "estimated_cost"
    case generated, cached
    case outputsRerendered = "outputs_rerendered"
    case failed, skipped, interrupted
    case filesWritten = "files_written"
    case spent
    case savedByCache = "saved_by_cache"
    case savedByBatch = "saved_by_batch"
    case batchID = "batch_id"
    case total, completed
}
