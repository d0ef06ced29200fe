import AssetPipeManifest

/// Everything a provider needs for one attempt of one step on one model.
public struct GenerationRequest: Sendable {
    public var stepID: String
    /// The model name at the provider (without the `provider:` prefix).
    public var model: String
    public var operation: Step.Operation
    public var prompt: String
    public var parameters: GenerationParameters
    /// The step's inputs, resolved.
    public var inputs: ImageInputs<InputImage>
    /// Images earlier requests of the same step already brought (0 for its first): tells the
    /// parts of a step that needs several requests apart.
    public var imagesBefore: Int

    public init(stepID: String, model: String, operation: Step.Operation = .generate, prompt: String,
                parameters: GenerationParameters, inputs: ImageInputs<InputImage> = ImageInputs(), imagesBefore: Int = 0) {
        self.imagesBefore = imagesBefore
        self.stepID = stepID
        self.model = model
        self.operation = operation
        self.prompt = prompt
        self.parameters = parameters
        self.inputs = inputs
    }
}
