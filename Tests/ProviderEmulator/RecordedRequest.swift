import Foundation
import AssetPipeBasics

/// Which configured key a request carried. The secret itself is never stored, so a log dump or
/// a test failure message cannot leak it.
public enum KeyMatch: Sendable, Equatable {
    case missing
    case unrecognized
    case matched(label: String)

    public var label: String? {
        if case let .matched(label) = self { return label }
        return nil
    }
}

/// A received file: a multipart file part, or the decoded bytes of a data URI or base64 input.
public struct RecordedFile: Sendable, Equatable {
    /// The multipart field name (`image`, `image[]`, `mask`) or the JSON field the input came in.
    public var fieldName: String
    public var filename: String?
    public var contentType: String?
    public var byteCount: Int
    public var sha256: String
    /// The bytes themselves, when `EmulatorConfiguration.recordsUploadedBytes` is on.
    public var bytes: Data?
}

/// How one image input of a request arrived: what tests check to prove that an edit re-uploaded
/// bytes, passed a data URL inline or reused a stored `file_id`.
public enum InputForm: Sendable, Equatable {
    case url(String)
    case dataURI(RecordedFile)
    /// Bare base64 in a JSON field (accepted by async-task platforms).
    case base64(RecordedFile)
    case fileID(String)
    case filePart(RecordedFile)
}

public struct RecordedInput: Sendable, Equatable {
    /// `image`, `mask`, `reference_images` (JSON), or the multipart field name.
    public var field: String
    public var form: InputForm
}

public enum RecordedBody: Sendable, Equatable {
    case empty
    case json(JSONValue)
    case multipart(fields: [String: String], files: [RecordedFile])
    /// A body the emulator could not parse as its Content-Type claimed, or of another type.
    case raw(Data, contentType: String?)

    public var json: JSONValue? {
        if case let .json(value) = self { return value }
        return nil
    }

    public var formFields: [String: String] {
        if case let .multipart(fields, _) = self { return fields }
        return [:]
    }

    public var files: [RecordedFile] {
        if case let .multipart(_, files) = self { return files }
        return []
    }
}

/// What happened on the wire in answer to a request.
public enum RequestOutcome: Sendable, Equatable {
    /// Still being handled (latency, hang, or in progress when the log was read).
    case pending
    case responded
    /// The socket was closed with a TCP reset and no response.
    case connectionReset
    /// A head promising more body than was sent, then a close.
    case truncated
    /// An injected hang ended (released, its limit reached, or stop) and the connection closed
    /// without a response.
    case hangEnded
    /// The client closed the connection before the answer was ready (its timeout fired).
    case clientDisconnected
}

/// Why the emulator refused a request on its own limits, as opposed to an injected fault.
public enum LimitKind: Sendable, Equatable {
    case concurrency
    case requestsPerWindow
}

public struct RecordedRequest: Sendable {
    /// 1-based, in arrival order (after the full body was read).
    public let sequence: Int
    /// Monotonic time since the emulator was created.
    public let arrival: Duration
    public internal(set) var completion: Duration?
    public let method: String
    public let path: String
    public let query: String?
    /// Lowercased names; `authorization` is replaced by `<redacted>`.
    public let headers: [String: String]
    public let key: KeyMatch
    public let body: RecordedBody
    public internal(set) var model: String?
    public internal(set) var prompt: String?
    public internal(set) var inputs: [RecordedInput] = []
    public internal(set) var status: Int?
    public internal(set) var outcome: RequestOutcome = .pending
    public internal(set) var fault: Fault?
    public internal(set) var limitRejection: LimitKind?
    /// Requests in flight for this key at arrival, this one included.
    public internal(set) var concurrencyAtArrival: Int?
    public internal(set) var taskID: String?
    /// Files the response issued (stored images behind `url`s and `file_id`s).
    public internal(set) var issuedFileIDs: [String] = []
    /// Images in the response's `data` array.
    public internal(set) var imagesReturned = 0
    /// Images the emulator rendered for this request, which a provider would bill: a
    /// synchronous answer's, a batch line's, or an async task's on the poll that finished it.
    /// 0 for refusals, errors, task creations and polls of a task that had already finished.
    public internal(set) var imagesRendered = 0
    /// The batch this request created or addressed (Batch API calls), or that ran it (batch lines).
    public internal(set) var batchID: String?
    /// A batch line's `custom_id`; nil for the requests that came over HTTP.
    public internal(set) var customID: String?

    /// A line of a batch, logged when the batch ran it: its `path` is the line's `url`, its `key`
    /// the key that created the batch, its `status` the line's `response.status_code`.
    public var isBatchLine: Bool { customID != nil }

    /// Whether the emulator generated images for it: what a spec counts to prove that no image
    /// was paid for twice, across synchronous requests and batch lines alike.
    public var isPaidGeneration: Bool { imagesRendered > 0 }
}
