import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeImaging

/// OpenAI and every OpenAI-compatible endpoint (gateways, routers, async-task platforms).
///
/// - text-to-image: `POST /images/generations` (JSON);
/// - edits: `POST /images/edits` multipart with the exact upstream bytes, or, with
///   `edit_mode: inline`, the inputs as a JSON `image` field on `/images/generations`;
/// - variations: `POST /images/variations` multipart;
/// - async tasks: a task answer is handed to the executor, which polls it (`poll(task:for:)`).
public struct OpenAIProvider: ImageProvider, ModelListing {
    let core: RemoteProviderCore
    private let editMode: ProviderConfig.EditMode

    /// - Parameters:
    ///   - apiKey: sent only as `Authorization: Bearer` to `base_url`'s origin, never in messages.
    ///   - capabilities: the built-in table; the entry's `models` are overlaid here.
    ///   - validator: checks every received or downloaded image; nil means the image codecs.
    public init(config: ProviderConfig, apiKey: String, transport: any HTTPTransport = URLSessionTransport.shared,
                clock: any RunClock, pacer: any RequestPacer, capabilities: CapabilityTable = .builtin,
                validator: ImageValidator? = nil, answers: (any AnswerRecorder)? = nil) throws(ProviderError) {
        core = try RemoteProviderCore(config: config, apiKey: apiKey, transport: transport, clock: clock, pacer: pacer,
                                      capabilities: capabilities, validator: validator, answers: answers)
        editMode = config.editMode
    }

    public func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
        try await core.redacting {
            let answer = try await core.send(request) { parameters in try await send(request, parameters: parameters) }
            return try await read(answer, for: request)
        }
    }

    public func replay(_ recorded: RecordedAnswer, for request: GenerationRequest) async throws -> ProviderAnswer? {
        try await core.redacting { try await read(try core.answer(replaying: recorded, for: request), for: request) }
    }

    /// A task, or the images.
    private func read(_ answer: RemoteProviderCore.Answer, for request: GenerationRequest) async throws -> ProviderAnswer {
        if let taskID = TaskAnswer.announcedTaskID(in: answer.json) { return .task(id: taskID) }
        var result = try await core.result(of: answer)
        if !request.inputs.referenceImages.isEmpty { result.notes.append(Self.referenceImagesNote) }
        return .images(result)
    }

    /// `GET /images/generations/{task_id}`. A task that succeeded but whose images cannot be read
    /// is never a reason to submit it again: that failure is `.taskUnsettled`, and names the
    /// task and the fields its answer had.
    public func poll(task id: String, for request: GenerationRequest) async throws -> TaskProgress {
        try await core.redacting {
            let (parameters, notes) = try core.parameters(for: request)
            let response = try await core.client.get(try pollURL(id))
            let answer = TaskAnswer(try core.transfer.json(of: response))
            switch answer.status {
            case .pending, .unrecognised:
                return .pending(status: answer.statusWord)
            case .failed:
                throw answer.failure(taskID: id)
            case .succeeded:
                do {
                    var result = try await core.result(answer.items, cost: answer.cost, parameters: parameters, notes: notes)
                    if !request.inputs.referenceImages.isEmpty { result.notes.append(Self.referenceImagesNote) }
                    return .finished(result)
                } catch let error as ProviderError {
                    throw answer.unreadable(taskID: id, because: error)
                }
            }
        }
    }

    public func maxImagesPerRequest(for model: String) -> Int? {
        core.maxImagesPerRequest(for: model)
    }

    /// `GET {base_url}/models`: every model of the account, chat and embeddings included, split
    /// into image models and the rest by `ImageModelFilter`.
    public func listModels() async throws -> ModelList {
        ImageModelFilter(capabilities: core.capabilities).split(try await core.listedModels(at: "/models"))
    }

    /// OpenAI-compatible APIs have no field for reference images: they travel as further inputs.
    static let referenceImagesNote = "reference_images sent as additional input images"

    /// The POST for this request's operation and inputs.
    private func send(_ request: GenerationRequest, parameters: GenerationParameters) async throws -> HTTPResponse {
        let client = core.client
        let inputs = request.inputs.images + request.inputs.referenceImages
        if request.operation == .variation {
            guard let source = inputs.first else {
                throw ProviderError(.configuration, "a variation needs an input image")
            }
            let form = OpenAIRequestBody.multipart(model: request.model, prompt: nil, parameters: parameters,
                                                   images: [try await core.transfer.bytes(of: source)], mask: nil)
            return try await client.postMultipart("/images/variations", form)
        }
        if inputs.isEmpty || editMode == .inline {
            let body = OpenAIRequestBody.json(model: request.model, prompt: request.prompt, parameters: parameters,
                                              images: inputs.map(ImageTransfer.jsonReference),
                                              mask: request.inputs.mask.map(ImageTransfer.jsonReference))
            return try await client.postJSON("/images/generations", body)
        }
        var images: [EncodedImage] = []
        for input in inputs { images.append(try await core.transfer.bytes(of: input)) }
        var mask: EncodedImage?
        if let input = request.inputs.mask { mask = try await core.transfer.bytes(of: input) }
        let form = OpenAIRequestBody.multipart(model: request.model, prompt: request.prompt, parameters: parameters,
                                               images: images, mask: mask)
        return try await client.postMultipart("/images/edits", form)
    }
}

extension OpenAIProvider {
    private func pollURL(_ taskID: String) throws(ProviderError) -> URL {
        try core.client.endpoint("/images/generations/\(escaped(taskID))")
    }

    /// An id as one path segment (or query value): nothing in it can reach another endpoint.
    func escaped(_ component: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        allowed.remove("?")
        allowed.remove("&")
        return component.addingPercentEncoding(withAllowedCharacters: allowed) ?? component
    }
}
