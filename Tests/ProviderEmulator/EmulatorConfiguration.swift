import Foundation

/// One API key the emulator accepts, with the limits a provider account would enforce on it.
public struct EmulatorKey: Sendable {
    /// How the key appears in the request log; the secret itself is never recorded.
    public var label: String
    public var secret: String
    public var maxConcurrent: Int?
    /// Requests admitted per `EmulatorConfiguration.rateLimitWindow` (a minute unless a test
    /// scales the window down).
    public var requestsPerMinute: Int?

    public init(label: String, secret: String, maxConcurrent: Int? = nil, requestsPerMinute: Int? = nil) {
        self.label = label
        self.secret = secret
        self.maxConcurrent = maxConcurrent
        self.requestsPerMinute = requestsPerMinute
    }
}

/// How one model behaves on the wire. Real model lists change every few months, so tests
/// describe the models they need instead of the emulator hard-coding today's catalogue.
public struct ModelBehavior: Sendable {
    public enum Mode: Sendable, Equatable {
        case synchronous
        /// Answers generations with a task object (`image.generation.task`, as the async-task
        /// platform's page shows), which is then polled.
        case asynchronous(TaskBehavior)

        /// Tasks that answer `QUEUED` on their first poll and `RUNNING` until polled
        /// `pollsBeforeCompletion` times, then finish with their images in `data`.
        public static func asynchronous(pollsBeforeCompletion: Int) -> Mode {
            .asynchronous(TaskBehavior(completion: .afterPolls(pollsBeforeCompletion)))
        }
    }

    public var mode: Mode
    /// Answers with `url` items even when the request did not ask for `response_format: url`.
    public var answersWithURL: Bool
    /// False for text-to-image-only models, which answer image inputs with a 400.
    public var acceptsImageInputs: Bool
    /// Parameters the model answers with `400 Unknown parameter: '…'.` (such as
    /// `response_format` on GPT image models).
    public var rejectedParameters: Set<String>
    /// The largest `n` accepted; nil means the endpoint's own limit (10 on `/v1`, 4 on `/v3`).
    public var maxImages: Int?
    /// Overrides the emulator-wide latency for this model.
    public var latency: Duration?
    /// Adds a `revised_prompt` to every image, as DALL·E 3 does.
    public var revisesPrompt: Bool

    public init(mode: Mode = .synchronous, answersWithURL: Bool = false, acceptsImageInputs: Bool = true,
                rejectedParameters: Set<String> = [], maxImages: Int? = nil, latency: Duration? = nil,
                revisesPrompt: Bool = false) {
        self.mode = mode
        self.answersWithURL = answersWithURL
        self.acceptsImageInputs = acceptsImageInputs
        self.rejectedParameters = rejectedParameters
        self.maxImages = maxImages
        self.latency = latency
        self.revisesPrompt = revisesPrompt
    }
}

/// How the tasks of an async model progress and what a finished one looks like. The platform's
/// page fixes how a task is announced but not where a finished task keeps its images, and real
/// platforms differ there and in how they spell statuses; each is a choice here.
public struct TaskBehavior: Sendable, Equatable {
    public enum Completion: Sendable, Equatable {
        /// On the poll after this many polls.
        case afterPolls(Int)
        /// Once this long has passed on the emulator's clock since the task was created.
        case afterRendering(Duration)
    }

    /// Where a finished task's images sit.
    public enum ResultShape: String, Sendable, Equatable, CaseIterable {
        /// `data: [{b64_json | url}]`, as a synchronous answer.
        case data
        /// `result: {data: [{url}]}`
        case resultData
        /// `result: {images: [{url}]}`
        case resultImages
        /// `result: {url: "…"}`: one image only.
        case resultURL
        /// `images: [{url}]`
        case imageList
        /// `output: ["…", …]`
        case outputURLs
    }

    /// How statuses are spelled: the page's `QUEUED`/`RUNNING`/`SUCCEEDED`/`FAILED`, or the
    /// lower-case words other platforms use (`queued`/`in_progress`/`completed`/`failed`).
    public enum Spelling: Sendable, Equatable, CaseIterable {
        case upperCase
        case lowerCase

        func word(_ status: TaskStatus) -> String {
            switch (self, status) {
            case (.upperCase, .queued): "QUEUED"
            case (.upperCase, .running): "RUNNING"
            case (.upperCase, .succeeded): "SUCCEEDED"
            case (.upperCase, .failed): "FAILED"
            case (.lowerCase, .queued): "queued"
            case (.lowerCase, .running): "in_progress"
            case (.lowerCase, .succeeded): "completed"
            case (.lowerCase, .failed): "failed"
            }
        }
    }

    enum TaskStatus {
        case queued, running, succeeded, failed
    }

    public var completion: Completion
    public var resultShape: ResultShape
    public var spelling: Spelling

    public init(completion: Completion, resultShape: ResultShape = .data, spelling: Spelling = .upperCase) {
        self.completion = completion
        self.resultShape = resultShape
        self.spelling = spelling
    }
}

public struct EmulatorConfiguration: Sendable {
    public var keys: [EmulatorKey]
    public var models: [String: ModelBehavior]
    /// The behaviour of models not in `models`; nil answers them `404 model_not_found`.
    public var unknownModels: ModelBehavior?
    /// Added to every authenticated, admitted request while it counts as in flight.
    public var latency: Duration
    /// The sliding window that `requestsPerMinute` applies to. Tests shorten it (say to one
    /// second) to exercise rate limiting without waiting minutes.
    public var rateLimitWindow: Duration
    /// `usage.cost` per image on `/v3/images`.
    public var costPerImage: Double
    /// The longest an injected hang holds a request when nobody releases it.
    public var hangLimit: Duration
    /// How long a keep-alive connection may sit idle before the emulator closes it.
    public var idleConnectionTimeout: Duration
    /// Keeps a copy of every uploaded file part and data URI in the log (off by default: a
    /// benchmark uploads hundreds of megabytes; the SHA-256 is always recorded).
    public var recordsUploadedBytes: Bool
    public var maxBodyBytes: Int
    /// The largest body `POST /v1/files` accepts, multipart framing included. The Files API takes
    /// files of up to 512 MB (batch validation holds a batch's input to its own limit), far more
    /// than any image request needs, so uploads get a cap of their own.
    public var maxUploadBytes: Int
    public var imageFactory: ImageFactory
    /// What Opper's `GET /v3/images/models` lists.
    public var opperModels: [OfferedModel]
    /// What an OpenAI-compatible `GET /models` lists, image models and others alike.
    public var openAIModels: [OfferedModel]
    /// How batches progress, in what order their results come, and their limits.
    public var batches: BatchBehavior

    public init(keys: [EmulatorKey], models: [String: ModelBehavior] = [:], unknownModels: ModelBehavior? = ModelBehavior(),
                latency: Duration = .zero, rateLimitWindow: Duration = .seconds(60), costPerImage: Double = 0.04,
                hangLimit: Duration = .seconds(30), idleConnectionTimeout: Duration = .seconds(30),
                recordsUploadedBytes: Bool = false, maxBodyBytes: Int = 64 << 20, imageFactory: @escaping ImageFactory,
                opperModels: [OfferedModel] = OfferedModel.opperDefaults,
                openAIModels: [OfferedModel] = OfferedModel.openAIDefaults, maxUploadBytes: Int = 512 << 20,
                batches: BatchBehavior = BatchBehavior()) {
        self.keys = keys
        self.models = models
        self.unknownModels = unknownModels
        self.latency = latency
        self.rateLimitWindow = rateLimitWindow
        self.costPerImage = costPerImage
        self.hangLimit = hangLimit
        self.idleConnectionTimeout = idleConnectionTimeout
        self.recordsUploadedBytes = recordsUploadedBytes
        self.maxBodyBytes = maxBodyBytes
        self.imageFactory = imageFactory
        self.opperModels = opperModels
        self.openAIModels = openAIModels
        self.maxUploadBytes = maxUploadBytes
        self.batches = batches
    }

    func behavior(of model: String) -> ModelBehavior? {
        models[model] ?? unknownModels
    }
}
