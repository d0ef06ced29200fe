import AssetPipeBasics

/// A batch as the API reports it (`GET /batches/{id}`), read leniently: what the run acts on.
public struct BatchObject: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case validating
        case inProgress = "in_progress"
        case finalizing
        case completed
        case failed
        case expired
        case cancelling
        case cancelled

        /// Nothing more will happen to it: its files can be read.
        public var isFinal: Bool { [.completed, .failed, .expired, .cancelled].contains(self) }
    }

    /// A problem with the input file, by line (1-based) when it is about one.
    public struct ValidationError: Sendable, Equatable {
        public var code: String?
        public var message: String
        public var line: Int?
    }

    public var id: String
    public var status: Status
    public var inputFileID: String?
    public var outputFileID: String?
    public var errorFileID: String?
    public var total: Int
    public var completed: Int
    public var failed: Int
    public var errors: [ValidationError]
    public var metadata: [String: String]

    public init(id: String, status: Status, inputFileID: String? = nil, outputFileID: String? = nil, errorFileID: String? = nil,
                total: Int = 0, completed: Int = 0, failed: Int = 0, errors: [ValidationError] = [], metadata: [String: String] = [:]) {
        self.id = id
        self.status = status
        self.inputFileID = inputFileID
        self.outputFileID = outputFileID
        self.errorFileID = errorFileID
        self.total = total
        self.completed = completed
        self.failed = failed
        self.errors = errors
        self.metadata = metadata
    }

    /// nil when `json` is not a batch (no id, or a status this client does not know).
    init?(_ json: JSONValue) {
        guard let id = json["id"]?.stringValue, let status = json["status"]?.stringValue.flatMap(Status.init) else { return nil }
        let counts = json["request_counts"]
        func count(_ key: String) -> Int { counts?[key]?.numberValue.flatMap { Int(exactly: $0) } ?? 0 }
        let errors = (json["errors"]?["data"]?.arrayValue ?? []).map { entry in
            ValidationError(code: entry["code"]?.stringValue, message: entry["message"]?.stringValue ?? "invalid",
                            line: entry["line"]?.numberValue.flatMap { Int(exactly: $0) })
        }
        let metadata = (json["metadata"]?.objectMembers ?? []).compactMap { member in
            member.value.stringValue.map { (member.key, $0) }
        }
        self.init(id: id, status: status, inputFileID: json["input_file_id"]?.stringValue,
                  outputFileID: json["output_file_id"]?.stringValue, errorFileID: json["error_file_id"]?.stringValue,
                  total: count("total"), completed: count("completed"), failed: count("failed"), errors: errors,
                  metadata: Dictionary(metadata, uniquingKeysWith: { first, _ in first }))
    }
}
