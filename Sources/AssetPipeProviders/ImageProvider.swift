import Foundation
import AssetPipeManifest
import AssetPipeImaging

/// One input image of a request, resolved to something a provider can send.
public enum InputImage: Sendable, Hashable {
    /// Bytes from an upstream step or a local file.
    case encoded(EncodedImage)
    /// An `http(s)://` or `data:` URL, passed through as written.
    case url(String)
}

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

    public init(stepID: String, model: String, operation: Step.Operation = .generate, prompt: String,
                parameters: GenerationParameters, inputs: ImageInputs<InputImage> = ImageInputs()) {
        self.stepID = stepID
        self.model = model
        self.operation = operation
        self.prompt = prompt
        self.parameters = parameters
        self.inputs = inputs
    }
}

/// What one successful attempt produced.
public struct GenerationResult: Sendable {
    /// Exactly `parameters.n` images; a provider that returns fewer throws `.unusableResponse`.
    public var images: [EncodedImage]
    /// USD, when the provider reports it (`usage.cost`).
    public var cost: Double?
    public var revisedPrompts: [String?]
    /// Human-readable remarks for the report: dropped or bridged parameters and the like.
    public var notes: [String]

    /// The provider's cost when it reported a real one. Gateways are known to report 0 for image
    /// models; a zero is treated as no report, so budgets fall back to the manifest's prices.
    public var reportedCost: Double? {
        guard let cost, cost > 0 else { return nil }
        return cost
    }

    public init(images: [EncodedImage], cost: Double? = nil, revisedPrompts: [String?] = [], notes: [String] = []) {
        self.images = images
        self.cost = cost
        self.revisedPrompts = revisedPrompts
        self.notes = notes
    }
}

/// What a provider answered one request with.
public enum ProviderAnswer: Sendable {
    case images(GenerationResult)
    /// An async-task platform accepted the request as a task; its images come from polling it
    /// (`ImageProvider.poll(task:for:)`). The task is submitted, and so probably paid for.
    case task(id: String)
}

/// Where a task stands after one poll.
public enum TaskProgress: Sendable {
    /// Queued or running, as the platform spelled it.
    case pending(status: String?)
    case finished(GenerationResult)
}

/// A backend that turns a request into images: the embedded `local` renderer or an HTTP API.
///
/// A provider speaks its wire format and nothing more: each call is one request (one render for
/// `local`). Retries, backoff, fallbacks, concurrency limits and the waiting between task polls
/// live in the executor, so every provider gets them alike; request pacing (requests per minute)
/// is applied per HTTP request by the provider's HTTP client through the `RequestPacer` it is given.
public protocol ImageProvider: Sendable {
    /// One attempt at `request`: its images, or the task that will make them.
    func generate(_ request: GenerationRequest) async throws -> ProviderAnswer

    /// One poll of task `id`, which this provider created for `request` (in this run or an
    /// earlier one). Throws when the task failed, or succeeded with images that cannot be read.
    func poll(task id: String, for request: GenerationRequest) async throws -> TaskProgress

    /// The most images one request to `model` may ask for; nil when nothing limits it below the
    /// manifest's own `n`. A step asking for more makes several requests.
    func maxImagesPerRequest(for model: String) -> Int?
}

extension ImageProvider {
    public func poll(task id: String, for request: GenerationRequest) async throws -> TaskProgress {
        throw ProviderError(.configuration, "this provider has no async tasks to poll (task \(id))")
    }

    public func maxImagesPerRequest(for model: String) -> Int? { nil }
}
