import Foundation

/// One input image of a request, resolved to something a provider can send.
public enum InputImage: Sendable, Equatable {
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
    public var images: [InputImage]
    public var mask: InputImage?
    public var referenceImages: [InputImage]

    public init(stepID: String, model: String, operation: Step.Operation = .generate, prompt: String,
                parameters: GenerationParameters, images: [InputImage] = [], mask: InputImage? = nil,
                referenceImages: [InputImage] = []) {
        self.stepID = stepID
        self.model = model
        self.operation = operation
        self.prompt = prompt
        self.parameters = parameters
        self.images = images
        self.mask = mask
        self.referenceImages = referenceImages
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

/// A backend that turns a request into images: the embedded `local` renderer or an HTTP API.
///
/// A provider performs exactly one attempt per call. Retries, backoff, fallbacks and the
/// per-provider concurrency limit live in the executor so that every provider gets them alike;
/// request pacing (requests per minute) is applied per HTTP request, polls included, by the
/// provider's HTTP client through the `RequestPacer` it is given.
public protocol ImageProvider: Sendable {
    func generate(_ request: GenerationRequest) async throws -> GenerationResult

    /// Collects the result of an async task that an earlier, interrupted run submitted for the
    /// same request, instead of paying for it again. nil when the provider has no such tasks.
    func resume(taskID: String, request: GenerationRequest) async throws -> GenerationResult?
}

extension ImageProvider {
    public func resume(taskID: String, request: GenerationRequest) async throws -> GenerationResult? { nil }
}
