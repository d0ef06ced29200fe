import AssetPipeProviders

/// A provider answered with a task where the test expected images.
struct UnexpectedTask: Error {
    var id: String
}

extension ImageProvider {
    /// `generate`, for answers that must carry their images at once.
    func generateImages(_ request: GenerationRequest) async throws -> GenerationResult {
        switch try await generate(request) {
        case let .images(result): return result
        case let .task(id): throw UnexpectedTask(id: id)
        }
    }
}
