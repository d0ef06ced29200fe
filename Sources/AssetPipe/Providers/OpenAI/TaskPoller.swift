import Foundation

/// Waits for an async-task platform's image task: polls `GET /images/generations/{task_id}`
/// every `poll_interval_s` on the run clock until `SUCCEEDED` or `FAILED`.
///
/// Each poll is a separate request through the client, so it is paced like any other. Once a
/// task exists, nothing here may lead to submitting it again (that would pay twice): failed
/// polls are polled again until the ceiling, and both the ceiling and a task the platform no
/// longer knows end the attempt with errors that are not retried.
struct TaskPoller: Sendable {
    let client: ProviderHTTPClient
    let transfer: ImageTransfer
    let interval: Duration
    let ceiling: Duration

    /// The finished task's payload; throws `.taskFailed` when the task failed.
    func settle(_ payload: ImagesPayload, taskID: String) async throws -> ImagesPayload {
        let clock = client.clock
        let giveUpAt = clock.now + ceiling
        var current = payload
        while true {
            switch current.status?.uppercased() {
            case "SUCCEEDED":
                return current
            case "FAILED":
                throw ProviderError(.taskFailed, "task \(taskID) failed: \(current.error?.message ?? "no reason given")")
            default:
                break
            }
            guard clock.now + interval <= giveUpAt else {
                throw ProviderError(.taskFailed, "task \(taskID) did not finish within \(ceiling)")
            }
            try await clock.sleep(for: interval)
            current = try await poll(taskID, until: giveUpAt) ?? current
        }
    }

    /// One poll; nil when it failed in a way worth polling again (the next poll comes after the
    /// usual interval, and never before a `Retry-After`).
    private func poll(_ taskID: String, until giveUpAt: Duration) async throws -> ImagesPayload? {
        do {
            return try transfer.payload(of: try await client.get(try pollURL(taskID)))
        } catch let error as ProviderError where error.isRetryable {
            if let wait = error.retryAfter, client.clock.now + wait < giveUpAt { try await client.clock.sleep(for: wait) }
            return nil
        }
    }

    /// A task submitted earlier (by a run that was killed before collecting it): asks for its
    /// state at once, then waits for it like a new one. Throws `.rejected` (404) when the
    /// platform no longer has it.
    func collect(taskID: String) async throws -> ImagesPayload {
        let giveUpAt = client.clock.now + ceiling
        var first: ImagesPayload?
        while first == nil, client.clock.now < giveUpAt {
            first = try await poll(taskID, until: giveUpAt)
            if first == nil { try await client.clock.sleep(for: interval) }
        }
        guard let first else { throw ProviderError(.taskFailed, "task \(taskID) could not be polled within \(ceiling)") }
        return try await settle(first, taskID: taskID)
    }

    private func pollURL(_ taskID: String) throws(ProviderError) -> URL {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let escaped = taskID.addingPercentEncoding(withAllowedCharacters: allowed) ?? taskID
        return try client.endpoint("/images/generations/\(escaped)")
    }
}
