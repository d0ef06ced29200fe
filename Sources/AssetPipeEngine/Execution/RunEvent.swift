import AssetPipeManifest
/// What happens during a run, as it happens: the CLI prints these, tests record them.
public enum RunEvent: Sendable {
    case stepStarted(stepID: String, model: ModelRef)
    case retrying(stepID: String, model: ModelRef, attempt: Int, maxAttempts: Int, delay: Duration, reason: String)
    case fallingBack(stepID: String, from: ModelRef, to: ModelRef, reason: String)
    case stepFinished(StepOutcome)
}

/// Receives run events. Called from many tasks at once; implementations must be thread-safe
/// and quick (no awaiting), since they sit on the executor's path.
public protocol RunObserver: Sendable {
    func record(_ event: RunEvent)
}

/// For callers that only want the final report.
public struct SilentObserver: RunObserver {
    public init() {}
    public func record(_ event: RunEvent) {}
}
