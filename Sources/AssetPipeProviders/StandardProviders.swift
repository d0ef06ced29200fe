import AssetPipeManifest
/// Builds the provider implementation for a manifest entry by its `api`.
public enum StandardProviders {
    public static func make(_ config: ProviderConfig, _ context: ProviderContext) throws -> any ImageProvider {
        switch config.api {
        case .local:
            return LocalProvider(name: config.name, latency: .milliseconds(config.latencyMilliseconds), clock: context.clock)
        case .openai:
            return try OpenAIProvider(config: config, apiKey: try apiKey(config, context), clock: context.clock,
                                      pacer: context.pacer, answers: context.answers)
        case .opper:
            return try OpperProvider(config: config, apiKey: try apiKey(config, context), clock: context.clock, pacer: context.pacer,
                                     answers: context.answers)
        }
    }

    /// The key from the variable the entry names. Self-hosted gateways may take no key at all,
    /// so an entry without `api_key_env` sends none; a named but unset variable is an error
    /// (validation reports it before the run; this guards library callers).
    static func apiKey(_ config: ProviderConfig, _ context: ProviderContext) throws(ProviderError) -> String {
        guard let variable = config.apiKeyEnv else { return "" }
        guard let key = context.environment[variable], !key.isEmpty else {
            throw ProviderError(.configuration, "provider '\(config.name)': environment variable \(variable) is not set")
        }
        return key
    }
}
