import AssetPipeBasics
import AssetPipeManifest
/// Opper v3 (`POST {base_url}/images`, base_url like `https://api.opper.ai/v3`).
///
/// Images Opper stored for this provider are referred to by `file_id` instead of being uploaded
/// again, which saves bandwidth and keeps an edit chain on Opper's own copy; each produced
/// image keeps its `file_id` and `url` in `ImageOrigin`, and `usage.cost` goes to the result.
public struct OpperProvider: ImageProvider, ModelListing {
    private let core: RemoteProviderCore

    /// - Parameters:
    ///   - apiKey: sent only as `Authorization: Bearer` to `base_url`'s origin, never in messages.
    ///   - capabilities: the built-in table; the entry's `models` are overlaid here.
    ///   - validator: checks every received or downloaded image; nil means the image codecs.
    public init(config: ProviderConfig, apiKey: String, transport: any HTTPTransport = URLSessionTransport.shared,
                clock: any RunClock, pacer: any RequestPacer, capabilities: CapabilityTable = .builtin,
                validator: ImageValidator? = nil, answers: (any AnswerRecorder)? = nil) throws(ProviderError) {
        core = try RemoteProviderCore(config: config, apiKey: apiKey, transport: transport, clock: clock, pacer: pacer,
                                      capabilities: capabilities, validator: validator, answers: answers)
    }

    /// Opper's page: `n` is at most 4 per request, whatever the model.
    static let endpointMaxImages = 4

    public func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
        try await core.redacting {
            let answer = try await core.send(request) { parameters in
                let body = OpperRequestBody.json(model: request.model, prompt: request.prompt, parameters: parameters,
                                                 image: request.inputs.images.map(reference), mask: request.inputs.mask.map(reference),
                                                 referenceImages: request.inputs.referenceImages.map(reference))
                return try await core.client.postJSON("/images", body)
            }
            return .images(try await core.result(of: answer))
        }
    }

    public func replay(_ recorded: RecordedAnswer, for request: GenerationRequest) async throws -> ProviderAnswer? {
        try await core.redacting { .images(try await core.result(of: try core.answer(replaying: recorded, for: request))) }
    }

    public func maxImagesPerRequest(for model: String) -> Int? {
        core.maxImagesPerRequest(for: model, endpointLimit: Self.endpointMaxImages)
    }

    /// `GET {base_url}/images/models` (`/v3/images/models`): Opper's image models with their
    /// sizes, aspect ratios and edit support. The endpoint lists image models only, so nothing
    /// is filtered out.
    public func listModels() async throws -> ModelList {
        ModelList(models: try await core.listedModels(at: "/images/models"))
    }

    /// What Opper's page documents for every input: a string — the bare `file_id` of an image
    /// this provider stored (`"image": "file_abc123"`), otherwise a URL or a data URI. Opper
    /// answers an object (`{"file_id": …}`) with a 400.
    private func reference(_ input: InputImage) -> JSONValue {
        if case let .encoded(image) = input, let origin = image.origin, origin.provider == core.client.providerName,
           let fileID = origin.fileID {
            return .string(fileID)
        }
        return .string(ImageTransfer.jsonReference(to: input))
    }
}
