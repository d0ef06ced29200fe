import Foundation

/// Waits for an async-task platform's image task: polls `GET /images/generations/{task_id}`
/// every `poll_interval_s` on the run clock until `SUCCEEDED` or `FAILED`.
///
/// Each poll is a separate request through the client, so it is paced like any other. A few
/// transient poll failures are tolerated (re-submitting would pay for the image again); the
/// total wait has a ceiling, after which the attempt times out.
struct TaskPoller: Sendable {
    let client: ProviderHTTPClient
    let transfer: ImageTransfer
    let interval: Duration
    let ceiling: Duration

    private static let toleratedPollFailures = 3

    /// The finished task's payload; throws `.taskFailed` when the task failed.
    func settle(_ payload: ImagesPayload, taskID: String) async throws -> ImagesPayload {
        let clock = client.clock
        let giveUpAt = clock.now + ceiling
        var current = payload
        var failures = 0
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
                throw ProviderError(.timeout, "task \(taskID) did not finish within \(ceiling)")
            }
            try await clock.sleep(for: interval)
            do {
                current = try transfer.payload(of: try await client.get(try pollURL(taskID)))
                failures = 0
            } catch let error as ProviderError where error.isRetryable && failures < Self.toleratedPollFailures {
                failures += 1
            }
        }
    }

    /// A task submitted earlier (by a run that was killed before collecting it): asks for its
    /// state at once, then waits for it like a new one. Throws `.rejected` (404) when the
    /// platform no longer has it.
    func collect(taskID: String) async throws -> ImagesPayload {
        try await settle(try transfer.payload(of: try await client.get(try pollURL(taskID))), taskID: taskID)
    }

    private func pollURL(_ taskID: String) throws(ProviderError) -> URL {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let escaped = taskID.addingPercentEncoding(withAllowedCharacters: allowed) ?? taskID
        return try client.endpoint("/images/generations/\(escaped)")
    }
}
