/// The one request of a model list, shared by the remote providers.
extension RemoteProviderCore {
    /// `GET {base_url}{path}`, read as a model list. The request goes through the same client
    /// as a generation — key, static headers, pacer, deadline, error classification — and
    /// anything it throws is cleared of the key.
    func listedModels(at path: String) async throws -> [ListedModel] {
        try await redacting {
            let response = try await client.get(try client.endpoint(path))
            let json = try transfer.json(of: response)
            do {
                return try ModelListAnswer.models(in: json)
            } catch {
                throw ProviderError(.unusableResponse, "the model list is not a list of models (no `data` or `models` array)",
                                    httpStatus: response.status)
            }
        }
    }
}
