import Foundation

/// OpenAI and every OpenAI-compatible endpoint (gateways, routers, async-task platforms).
///
/// - text-to-image: `POST /images/generations` (JSON);
/// - edits: `POST /images/edits` multipart with the exact upstream bytes, or, with
///   `edit_mode: inline`, the inputs as a JSON `image` field on `/images/generations`;
/// - variations: `POST /images/variations` multipart;
/// - async tasks: a task answer is polled until it settles.
public struct OpenAIProvider: ImageProvider {
    private let core: RemoteProviderCore
    private let editMode: ProviderConfig.EditMode
    private let poller: TaskPoller

    /// Called when an async-task platform accepted a request, with the step id and task id, so a
    /// later run could resume polling instead of paying for the image again.
    public var taskSubmitted: (@Sendable (_ stepID: String, _ taskID: String) -> Void)?

    /// - Parameters:
    ///   - apiKey: sent only as `Authorization: Bearer` to `base_url`'s origin, never in messages.
    ///   - capabilities: the built-in table; the entry's `models` are overlaid here.
    ///   - validator: checks every received or downloaded image; nil means the image codecs.
    public init(config: ProviderConfig, apiKey: String, transport: any HTTPTransport = URLSessionTransport.shared,
                clock: any RunClock, pacer: any RequestPacer, capabilities: CapabilityTable = .builtin,
                validator: ImageValidator? = nil) throws(ProviderError) {
        core = try RemoteProviderCore(config: config, apiKey: apiKey, transport: transport, clock: clock, pacer: pacer,
                                      capabilities: capabilities, validator: validator)
        editMode = config.editMode
        poller = TaskPoller(client: core.client, transfer: core.transfer, interval: .seconds(config.pollIntervalSeconds),
                            ceiling: .seconds(max(config.timeoutSeconds, 1800)))
    }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        var result = try await core.submit(request) { parameters in
            let response = try await send(request, parameters: parameters)
            let payload = try core.transfer.payload(of: response)
            guard payload.isTask, let taskID = payload.task_id else { return payload }
            taskSubmitted?(request.stepID, taskID)
            return try await poller.settle(payload, taskID: taskID)
        }
        if !request.referenceImages.isEmpty {
            result.notes.append("reference_images sent as additional input images")
        }
        return result
    }

    public func resume(taskID: String, request: GenerationRequest) async throws -> GenerationResult? {
        try await core.attempt(request) { _ in try await poller.collect(taskID: taskID) }
    }

    /// The POST for this request's operation and inputs.
    private func send(_ request: GenerationRequest, parameters: GenerationParameters) async throws -> HTTPResponse {
        let client = core.client
        let inputs = request.images + request.referenceImages
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
                                              mask: request.mask.map(ImageTransfer.jsonReference))
            return try await client.postJSON("/images/generations", body)
        }
        var images: [EncodedImage] = []
        for input in inputs { images.append(try await core.transfer.bytes(of: input)) }
        var mask: EncodedImage?
        if let input = request.mask { mask = try await core.transfer.bytes(of: input) }
        let form = OpenAIRequestBody.multipart(model: request.model, prompt: request.prompt, parameters: parameters,
                                               images: images, mask: mask)
        return try await client.postMultipart("/images/edits", form)
    }
}
