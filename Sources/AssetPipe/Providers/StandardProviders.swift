/// Builds the provider implementation for a manifest entry by its `api`.
public enum StandardProviders {
    public static func make(_ config: ProviderConfig, _ context: ProviderContext) throws -> any ImageProvider {
        switch config.api {
        case .local:
            return LocalProvider(name: config.name, latency: .milliseconds(config.latencyMilliseconds), clock: context.clock)
        case .openai, .opper:
            throw ProviderError(.configuration, "provider '\(config.name)': the \(config.api.rawValue) API is not available in this build")
        }
    }
}
