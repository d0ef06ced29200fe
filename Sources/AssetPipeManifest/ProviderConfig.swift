import Foundation

/// Which wire protocol a provider entry speaks (`"api"`).
public enum ProviderAPI: String, Sendable, Hashable, CaseIterable {
    case openai
    case opper
    case local
}

/// One entry of the manifest's `providers` object, with defaults applied.
public struct ProviderConfig: Sendable, Hashable {
    public var name: String
    public var api: ProviderAPI
    public var baseURL: URL?
    /// Name of the environment variable holding the key; never the key itself.
    public var apiKeyEnv: String?
    /// HTTP requests in flight at once (submissions and task polls alike).
    public var maxConcurrent: Int
    /// Async-task platforms: tasks submitted and not finished at once. Waiting tasks hold no
    /// request slot, so this, not `maxConcurrent`, bounds how many render in parallel.
    public var maxTasksInFlight: Int
    public var requestsPerMinute: Int?
    /// Per-request deadline. High-quality generations can take minutes.
    public var timeoutSeconds: Double
    public var headers: [String: String]
    public var retry: RetryPolicy
    /// `local` only: simulated latency per generation.
    public var latencyMilliseconds: Int
    /// Async-task platforms: how often to poll a task.
    public var pollIntervalSeconds: Double
    /// `inline` sends edit inputs as JSON `image` fields on `/images/generations`.
    public var editMode: EditMode
    /// Capability overrides and additions from the manifest, by model name.
    public var models: [String: ModelCapabilities]
    /// OpenAI's Batch API for this provider's steps: true always, false never, nil only under
    /// `run --batch`.
    public var batch: Bool?
    /// What a batch request costs as a share of the synchronous price (OpenAI: half).
    public var batchDiscount: Double

    public static let defaultBatchDiscount = 0.5

    public enum EditMode: String, Sendable, Hashable, CaseIterable {
        case multipart
        case inline
    }

    public init(name: String, api: ProviderAPI, baseURL: URL? = nil, apiKeyEnv: String? = nil,
                maxConcurrent: Int = 4, maxTasksInFlight: Int = ProviderConfig.defaultMaxTasksInFlight,
                requestsPerMinute: Int? = nil, timeoutSeconds: Double = 300,
                headers: [String: String] = [:], retry: RetryPolicy = .init(), latencyMilliseconds: Int = 0,
                pollIntervalSeconds: Double = 2, editMode: EditMode = .multipart, models: [String: ModelCapabilities] = [:],
                batch: Bool? = nil, batchDiscount: Double = ProviderConfig.defaultBatchDiscount) {
        self.name = name
        self.api = api
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.maxConcurrent = maxConcurrent
        self.maxTasksInFlight = maxTasksInFlight
        self.requestsPerMinute = requestsPerMinute
        self.timeoutSeconds = timeoutSeconds
        self.headers = headers
        self.retry = retry
        self.latencyMilliseconds = latencyMilliseconds
        self.pollIntervalSeconds = pollIntervalSeconds
        self.editMode = editMode
        self.models = models
        self.batch = batch
        self.batchDiscount = batchDiscount
    }

    public static let defaultMaxTasksInFlight = 32

    /// The built-in offline provider, present in every manifest.
    public static let local = ProviderConfig(name: "local", api: .local, maxConcurrent: 8)
}
