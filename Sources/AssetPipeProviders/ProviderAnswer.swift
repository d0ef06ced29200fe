/// What a provider answered one request with.
public enum ProviderAnswer: Sendable {
    case images(GenerationResult)
    /// An async-task platform accepted the request as a task; its images come from polling it
    /// (`ImageProvider.poll(task:for:)`). The task is submitted, and so probably paid for.
    case task(id: String)
}
