
/// An async generation task that was submitted (and so is probably paid for) but whose result has
/// not been collected.
public struct PendingTask: Codable, Sendable, Equatable {
    /// The manifest's provider name that holds the task.
    public var provider: String
    public var taskID: String
    /// The model ref (`provider:model`) that submitted it: a fallback may share its provider
    /// with the primary model, and the result must be credited to the model that made it.
    public var model: String?

    public init(provider: String, taskID: String, model: String? = nil) {
        self.provider = provider
        self.taskID = taskID
        self.model = model
    }

    private enum CodingKeys: String, CodingKey {
        case provider
        case taskID = "task_id"
        case model
    }
}
