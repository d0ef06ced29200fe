import Foundation

/// What the remote providers share around their wire formats: the HTTP client, image transfer
/// and the capability table, and the common shape of one attempt (adapt the parameters, send,
/// read exactly `n` validated images, report notes and cost, keep the key out of errors).
struct RemoteProviderCore: Sendable {
    let client: ProviderHTTPClient
    let transfer: ImageTransfer
    let capabilities: CapabilityTable

    init(config: ProviderConfig, apiKey: String, transport: any HTTPTransport, clock: any RunClock,
         pacer: any RequestPacer, capabilities: CapabilityTable, validator: ImageValidator?) throws(ProviderError) {
        client = try ProviderHTTPClient(config: config, apiKey: apiKey, transport: transport, clock: clock, pacer: pacer)
        transfer = ImageTransfer(client: client, validator: validator ?? ImageTransfer.codecValidator)
        self.capabilities = try capabilities.overlaid(with: config.models, provider: config.name)
    }

    /// `attempt` for a new request: parameters the wire would alter are refused before anything
    /// is sent (and paid for).
    func submit(_ request: GenerationRequest,
                send: (GenerationParameters) async throws -> ImagesPayload) async throws -> GenerationResult {
        try await attempt(request) { parameters in
            try parameters.checkWireExact()
            return try await send(parameters)
        }
    }

    /// One attempt: `send` gets the adapted parameters and returns the final answer's payload.
    func attempt(_ request: GenerationRequest,
                 send: (GenerationParameters) async throws -> ImagesPayload) async throws -> GenerationResult {
        let (parameters, notes) = capabilities.adapt(request.parameters, to: request.model)
        do {
            let payload = try await send(parameters)
            let (images, revisedPrompts) = try await transfer.images(from: payload, expected: parameters.n)
            return GenerationResult(images: images, cost: payload.cost, revisedPrompts: revisedPrompts, notes: notes)
        } catch let error as ProviderError {
            throw client.redacted(error)
        }
    }
}
