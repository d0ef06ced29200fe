/// A batch this cache's runs have started: what was uploaded, what was submitted, and which
/// requests (cache keys) it holds — written before each step of the batch's life, so that a
/// killed run's successor collects it and never submits the same requests again.
public struct BatchRecord: Codable, Sendable, Equatable {
    public enum Stage: String, Codable, Sendable {
        /// The input file is being uploaded: nothing is submitted yet.
        case uploading
        /// The batch is being created on this file: it may exist, and is looked for before any
        /// new submission.
        case creating
        /// The batch exists: it is polled and collected.
        case submitted
    }

    public struct Line: Codable, Sendable, Equatable {
        /// The cache key of the request, which is also its `custom_id`.
        public var key: String
        /// A step the request is for (several steps may share one key: the first is named).
        public var step: String

        public init(key: String, step: String) {
            self.key = key
            self.step = step
        }
    }

    /// SHA-256 of the input file: names this record and tags the batch (`metadata.assetpipe`).
    public var token: String
    public var provider: String
    /// `provider:model`.
    public var model: String
    /// The API path every line targets (`/v1/images/generations`).
    public var endpoint: String
    public var lines: [Line]
    public var stage: Stage
    public var fileID: String?
    public var batchID: String?
    public var createdAt: String

    public init(token: String, provider: String, model: String, endpoint: String, lines: [Line], stage: Stage,
                fileID: String? = nil, batchID: String? = nil, createdAt: String) {
        self.token = token
        self.provider = provider
        self.model = model
        self.endpoint = endpoint
        self.lines = lines
        self.stage = stage
        self.fileID = fileID
        self.batchID = batchID
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case token, provider, model, endpoint, lines, stage
        case fileID = "file_id"
        case batchID = "batch_id"
        case createdAt = "created_at"
    }
}
