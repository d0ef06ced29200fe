/// Which entries of an OpenAI-compatible `GET /models` are image models.
///
/// That list says nothing about what a model does: chat, embedding, speech and image models all
/// come as `{id, owned_by}`. So a model counts as an image model when
/// - the capability table knows it (the built-in table holds image models only, and an entry's
///   `models` describes image models by declaration), or
/// - the list itself describes image capabilities for it (sizes, aspect ratios, edit support —
///   some gateways add them), or
/// - its id carries the name of an image model family: `gpt-image`, `dall-e`, `imagen`, `flux`,
///   `stable-diffusion`, `sdxl`, `sd3`, `midjourney`, `ideogram`, `recraft`, `seedream`,
///   `kolors`, or the word `image` anywhere (`gemini-2.5-flash-image`, `qwen-image`).
/// A heuristic by nature: a model it misses is still listed among the other models, and
/// describing it in the entry's `models` makes it count.
struct ImageModelFilter: Sendable {
    let capabilities: CapabilityTable

    static let familyMarkers = ["gpt-image", "dall-e", "imagen", "flux", "stable-diffusion", "sdxl", "sd3", "midjourney",
                                "ideogram", "recraft", "seedream", "kolors", "image"]

    func isImageModel(_ model: ListedModel) -> Bool {
        if capabilities.capabilities(for: model.id) != nil || model.describesCapabilities { return true }
        let id = model.id.lowercased()
        return Self.familyMarkers.contains { id.contains($0) }
    }

    /// `models` split into image models and the ids of the others, each in list order.
    func split(_ models: [ListedModel]) -> ModelList {
        let images = models.filter(isImageModel)
        let others = models.filter { !isImageModel($0) }.map(\.id)
        return ModelList(models: images, otherModels: others)
    }
}
