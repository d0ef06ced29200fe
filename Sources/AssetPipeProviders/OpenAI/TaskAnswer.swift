import AssetPipeBasics
/// A task object of an async-task platform, read leniently.
///
/// The platform's page fixes how a task is announced (`"object": "image.generation.task"`,
/// `task_id`, `"status": "QUEUED"`) but not how a finished one looks, and real platforms differ:
/// they spell statuses `SUCCEEDED`, `completed` or `success`, and put the images at the top level
/// (`data`), under `result` (`result.data`, `result.images`, `result.url`), as `images: [{url}]` or
/// as `output: [url, …]`. Reading every one of those matters for money: an answer misread as
/// "no images" would make the task look worth submitting again.
struct TaskAnswer: Sendable {
    enum Status: Sendable, Equatable {
        case pending
        case succeeded
        case failed
        /// A word this reader does not know: the task is polled on, up to the ceiling.
        case unrecognised
    }

    /// The status as the platform wrote it, for progress and messages.
    var statusWord: String?
    var status: Status
    /// The images of a finished task, from the first place that holds any.
    var items: [ImageItem]
    var cost: Double?
    var error: ErrorBody.Detail?
    /// The answer's fields (`status`, `result.files`, …), for `unreadable`.
    var fieldNames: [String]

    init(_ json: JSONValue) {
        let word = json["status"]?.stringValue ?? json["result"]?["status"]?.stringValue
        statusWord = word
        status = word.map(Self.status(of:)) ?? .unrecognised
        items = Self.imageLocations.lazy.map { Self.items(at: $0, in: json) }.first { !$0.isEmpty } ?? []
        cost = ImagesPayload.cost(in: json) ?? json["result"].flatMap(ImagesPayload.cost(in:))
        error = ErrorBody.detail(in: json) ?? json["result"].flatMap(ErrorBody.detail(in:))
        fieldNames = Self.fieldNames(of: json)
    }

    /// The id of the task `json` announces; nil when `json` is an answer with its images.
    static func announcedTaskID(in json: JSONValue) -> String? {
        let taskID = json["task_id"]?.stringValue
        let isTask = json["object"]?.stringValue == "image.generation.task" || (taskID != nil && json["status"] != nil)
        guard isTask, let id = taskID ?? json["id"]?.stringValue, !id.isEmpty else { return nil }
        return id
    }

    // MARK: Statuses

    /// Status words by meaning, compared case-insensitively with `-` and spaces read as `_`.
    private static let statusWords: [String: Status] = {
        var words: [String: Status] = [:]
        for word in ["succeeded", "success", "successful", "completed", "complete", "finished", "done"] { words[word] = .succeeded }
        for word in ["failed", "failure", "error", "errored", "cancelled", "canceled", "expired"] { words[word] = .failed }
        for word in ["queued", "pending", "submitted", "created", "waiting", "in_queue", "running", "in_progress",
                     "processing", "started"] { words[word] = .pending }
        return words
    }()

    static func status(of word: String) -> Status {
        let normalised = word.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        return statusWords[normalised] ?? .unrecognised
    }

    // MARK: Images

    /// Where platforms put a finished task's images, in the order they are looked for.
    static let imageLocations: [[String]] = [
        ["data"], ["result", "data"], ["result", "images"], ["result", "url"], ["result", "output"],
        ["images"], ["output"], ["result"],
    ]

    /// The images at `path`: one (a URL string, a data URL, an image object) or a list of them.
    private static func items(at path: [String], in json: JSONValue) -> [ImageItem] {
        var value: JSONValue? = json
        for key in path { value = value?[key] }
        guard let value else { return [] }
        let candidates = value.arrayValue ?? [value]
        return candidates.compactMap(ImageItem.init).filter { !$0.isEmpty }
    }

    private static func fieldNames(of json: JSONValue) -> [String] {
        (json.objectMembers ?? []).flatMap { member -> [String] in
            guard let inner = member.value.objectMembers, !inner.isEmpty else { return [member.key] }
            return inner.map { "\(member.key).\($0.key)" }
        }
    }

    // MARK: Failures

    /// A task that succeeded but whose images `error` kept from being read: never a reason to
    /// submit it again. The message names the task and the fields its answer had, so the shape
    /// can be reported and supported.
    func unreadable(taskID: String, because error: ProviderError) -> ProviderError {
        let fields = fieldNames.isEmpty ? "no fields" : "fields " + fieldNames.joined(separator: ", ")
        return ProviderError(.taskUnsettled, "task \(taskID) succeeded but its images cannot be read (\(error.message)); "
                             + "its answer had \(fields). It is not submitted again: a later run collects it "
                             + "while the platform keeps results (24 h)")
    }

    /// A failed task as the error the executor acts on. A failed task costs nothing, so one that
    /// failed on the platform's side (server, upstream, timeout, or no reason given) is worth a
    /// new task; a refusal (content policy, moderation, an invalid or unsupported request) is
    /// final for this model, exactly like the same refusal answered as an HTTP 400.
    func failure(taskID: String) -> ProviderError {
        let reason = error?.message.flatMap { $0.isEmpty ? nil : $0 } ?? error?.code ?? "no reason given"
        return ProviderError(isRefusal ? .rejected : .taskFailed, "task \(taskID) failed: \(reason)")
    }

    /// Words in an error's `type` or `code` (or, when neither is given, its message) that mark
    /// a refusal rather than a breakdown.
    private static let refusalMarkers = ["content_policy", "policy", "moderation", "safety", "nsfw", "blocked",
                                         "invalid", "unsupported", "not_supported", "user_error"]

    private var isRefusal: Bool {
        guard let error else { return false }
        let labels = [error.type, error.code].compactMap { $0 }
        let text = (labels.isEmpty ? [error.message ?? ""] : labels).joined(separator: " ").lowercased()
            .replacingOccurrences(of: " ", with: "_")
        return Self.refusalMarkers.contains { text.contains($0) }
    }
}
