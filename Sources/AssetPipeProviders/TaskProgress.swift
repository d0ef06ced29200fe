/// Where a task stands after one poll.
public enum TaskProgress: Sendable {
    /// Queued or running, as the platform spelled it.
    case pending(status: String?)
    case finished(GenerationResult)
}
