import AssetPipeBasics
import AssetPipeProviders
/// Waits for an async task on the run clock: polls it every `poll_interval_s` until it finishes,
/// for at most `max(timeout_s, 30 min)`.
///
/// A waiting task holds no request slot and no `--jobs` slot — only its task slot, taken by the
/// caller — so slow platforms do not starve other steps; each poll takes one of the provider's
/// request slots (`max_concurrent` bounds requests, polls included), after any submission
/// waiting for one, and goes through its pacer.
/// Once a task exists, nothing here may lead to submitting it again: a failed poll is polled
/// again, and the ceiling, a refused poll and an unreadable result end with `.taskUnsettled`;
/// only a task that failed or that the platform does not know (404) is let go.
struct TaskWaiter: Sendable {
    var handle: ProviderHandle
    var clock: any RunClock

    /// Image platforms may take minutes per task; a shorter `timeout_s` is for single requests.
    static let minimumCeiling: Duration = .seconds(1800)

    var interval: Duration { .seconds(handle.config.pollIntervalSeconds) }
    var ceiling: Duration { max(.seconds(handle.config.timeoutSeconds), Self.minimumCeiling) }

    /// The finished task's images. `pollAtOnce` asks before the first interval passes (a task an
    /// earlier run submitted may be long done).
    func result(of id: String, for request: GenerationRequest, pollAtOnce: Bool = false) async throws -> GenerationResult {
        let giveUpAt = clock.now + ceiling
        var pause = pollAtOnce ? Duration.zero : interval
        while true {
            guard clock.now + pause <= giveUpAt else {
                throw ProviderError(.taskUnsettled, "task \(id) did not finish within \(ceiling); it is not submitted "
                                    + "again, and a later run collects it while the platform keeps results")
            }
            try await clock.sleep(for: pause)
            pause = interval
            do {
                let progress = try await handle.requestSlots.withSlot(.background) {
                    try await handle.provider.poll(task: id, for: request)
                }
                if case let .finished(result) = progress { return result }
            } catch let error as ProviderError where error.isRetryable && error.kind != .taskFailed {
                // The poll failed, not the task: ask again, never before the provider's Retry-After.
                pause = max(interval, error.retryAfter ?? .zero)
            } catch let error as ProviderError where error.httpStatus.map({ $0 != 404 }) == true {
                // The platform refused the poll itself (a revoked key, a redirect refused): the
                // task may well have succeeded, so it is kept for a later run, not replaced.
                throw ProviderError(.taskUnsettled, "task \(id) could not be polled (\(error)); it is not submitted again, "
                                    + "and a later run collects it while the platform keeps results")
            }
        }
    }
}
