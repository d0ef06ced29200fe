import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// What the remote providers share around their wire formats: the HTTP client, image transfer
/// and the capability table, and the common shape of one attempt (adapt the parameters, send,
/// read exactly `n` validated images, report notes and cost, keep the key out of errors).
struct RemoteProviderCore: Sendable {
    let client: ProviderHTTPClient
    let transfer: ImageTransfer
    let capabilities: CapabilityTable
    let answers: (any AnswerRecorder)?

    init(config: ProviderConfig, apiKey: String, transport: any HTTPTransport, clock: any RunClock,
         pacer: any RequestPacer, capabilities: CapabilityTable, validator: ImageValidator?,
         answers: (any AnswerRecorder)? = nil) throws(ProviderError) {
        self.answers = answers
        client = try ProviderHTTPClient(config: config, apiKey: apiKey, transport: transport, clock: clock, pacer: pacer)
        transfer = ImageTransfer(client: client, validator: validator ?? ImageTransfer.codecValidator)
        self.capabilities = capabilities.overlaid(with: config.models)
    }

    /// The parameters `request.model` takes, and a note for each change. Parameters the wire
    /// would alter are refused before anything is sent (and paid for).
    func parameters(for request: GenerationRequest) throws(ProviderError) -> (parameters: GenerationParameters, notes: [String]) {
        let adapted = capabilities.adapt(request.parameters, to: request.model)
        try adapted.parameters.checkWireExact()
        return adapted
    }

    /// The JSON answer `send` gets for the request's adapted parameters, with the notes of the
    /// adaptation.
    func send(_ request: GenerationRequest,
              _ send: (GenerationParameters) async throws -> HTTPResponse) async throws -> Answer {
        let (parameters, notes) = try parameters(for: request)
        let response = try await send(parameters)
        // Paid for from here on: durable before it is read.
        if response.isSuccess { await answers?.arrived(RecordedAnswer(status: response.status, body: response.body), for: request) }
        return Answer(json: try transfer.json(of: response), status: response.status, parameters: parameters, notes: notes)
    }

    /// An answer an earlier run received for the same request, read as if it had just arrived.
    func answer(replaying recorded: RecordedAnswer, for request: GenerationRequest) throws(ProviderError) -> Answer {
        let (parameters, notes) = try parameters(for: request)
        let json = try transfer.json(of: HTTPResponse(status: recorded.status, body: recorded.body))
        return Answer(json: json, status: recorded.status, parameters: parameters, notes: notes)
    }

    struct Answer {
        var json: JSONValue
        var status: Int
        var parameters: GenerationParameters
        var notes: [String]
    }

    /// Exactly `parameters.n` validated images of `items`, as one attempt's result.
    func result(_ items: [ImageItem], cost: Double?, parameters: GenerationParameters,
                notes: [String]) async throws -> GenerationResult {
        let (images, revisedPrompts) = try await transfer.images(from: items, expected: parameters.n)
        return GenerationResult(images: images, cost: cost, revisedPrompts: revisedPrompts, notes: notes)
    }

    /// The images of an answer that carries them (`data[]`), with the gateway's routing notes.
    func result(of answer: Answer) async throws -> GenerationResult {
        let payload = try transfer.payload(of: answer.json, status: answer.status)
        return try await result(payload.items, cost: payload.cost, parameters: answer.parameters,
                                notes: answer.notes + payload.routingNotes)
    }

    /// The most images one request may ask of `model`, from the capability table; `endpointLimit`
    /// is what the API itself allows (Opper: 4).
    func maxImagesPerRequest(for model: String, endpointLimit: Int? = nil) -> Int? {
        [capabilities.capabilities(for: model)?.maxN, endpointLimit].compactMap { $0 }.min()
    }

    /// Runs `body` with every error it throws cleared of the key and the static header values.
    func redacting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ProviderError {
            throw client.redacted(error)
        }
    }
}
