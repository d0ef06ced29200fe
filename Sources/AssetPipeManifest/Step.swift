/// One image-producing unit of work.
public struct Step: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        /// Text-to-image, or an edit when the step has `image` inputs.
        case generate
        /// OpenAI `/images/variations`: new images like the input, no prompt needed by the API.
        case variation
    }

    public var id: String
    public var model: ModelRef
    public var fallbacks: [ModelRef]
    public var operation: Operation
    public var prompt: String
    public var parameters: GenerationParameters
    public var inputs: ImageInputs<InputRef>
    public var outputs: [OutputSpec]
    /// OpenAI's Batch API for this step: true or false overrides its provider's `batch` and
    /// `run --batch`; nil follows them.
    public var batch: Bool?

    public init(id: String, model: ModelRef, fallbacks: [ModelRef] = [], operation: Operation = .generate,
                prompt: String, parameters: GenerationParameters = .init(), images: [InputRef] = [],
                mask: InputRef? = nil, referenceImages: [InputRef] = [], outputs: [OutputSpec] = [], batch: Bool? = nil) {
        self.id = id
        self.model = model
        self.fallbacks = fallbacks
        self.operation = operation
        self.prompt = prompt
        self.parameters = parameters
        self.inputs = ImageInputs(images: images, mask: mask, referenceImages: referenceImages)
        self.outputs = outputs
        self.batch = batch
    }

    /// Ids of the steps this one consumes, without duplicates, in first-use order.
    public var upstreamStepIDs: [String] {
        var seen = Set<String>()
        return inputs.all.compactMap(\.upstreamStepID).filter { seen.insert($0).inserted }
    }
}
