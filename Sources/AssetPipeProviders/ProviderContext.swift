import AssetPipeBasics
import AssetPipeManifest
/// What a provider implementation is built with: shared services injected by the runner, so
/// tests substitute a manual clock, a fake transport or a scripted provider.
public struct ProviderContext: Sendable {
    public var clock: any RunClock
    /// Paces every HTTP request to this provider (`requests_per_minute`, 429 slow-down).
    public var pacer: any RequestPacer
    /// Where `api_key_env` is read.
    public var environment: [String: String]
    /// Where answers are made durable before they are read; nil keeps them in memory only.
    public var answers: (any AnswerRecorder)?

    public init(clock: any RunClock, pacer: any RequestPacer, environment: [String: String], answers: (any AnswerRecorder)? = nil) {
        self.answers = answers
        self.clock = clock
        self.pacer = pacer
        self.environment = environment
    }
}

/// Builds the provider for one manifest entry.
public typealias ProviderFactory = @Sendable (ProviderConfig, ProviderContext) throws -> any ImageProvider
