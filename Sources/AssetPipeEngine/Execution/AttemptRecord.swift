import AssetPipeManifest
/// One request of a step, as the report and the events show it: which model, how it ended,
/// how long it took, and what the run did next.
public struct AttemptRecord: Sendable, Equatable {
    /// What followed the request.
    public enum Disposition: String, Sendable, Equatable, Codable {
        /// It brought the images it asked for.
        case succeeded
        /// It failed and the same model was asked again.
        case retried
        /// It failed for good on this model and the step moved on to its next fallback.
        case fellBack = "fell_back"
        /// It failed and the step failed with it.
        case failed
        /// The run was interrupted while it was in flight.
        case interrupted
        /// Sent in a batch this run did not wait for (`--no-wait`): a later run collects it.
        case pending
    }

    public var model: ModelRef
    /// 1 for the first request to this model; retries count up.
    public var attempt: Int
    public var disposition: Disposition
    /// From the request's send (slots held) to its answer, a task's wait included.
    public var duration: Duration
    /// The status of the failed answer, when there was one (nil for network errors, timeouts
    /// and the local provider).
    public var httpStatus: Int?
    /// What went wrong, as the provider said it.
    public var error: String?
    /// The batch that carried it, for a request sent as a batch line.
    public var batchID: String?

    public init(model: ModelRef, attempt: Int, disposition: Disposition, duration: Duration, httpStatus: Int? = nil,
                error: String? = nil, batchID: String? = nil) {
        self.batchID = batchID
        self.model = model
        self.attempt = attempt
        self.disposition = disposition
        self.duration = duration
        self.httpStatus = httpStatus
        self.error = error
    }

    /// The provider's name in the manifest.
    public var provider: String { model.provider }
}
