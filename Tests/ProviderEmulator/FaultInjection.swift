import Foundation
import Synchronization

/// A misbehaviour the emulator can be told to show for chosen requests: the failures real image
/// APIs and the gateways in front of them produce in the field.
public enum Fault: Sendable, Equatable {
    /// An error status with the body a real server sends with it; `retryAfter` is the raw
    /// `Retry-After` value (seconds or an HTTP date). Without headers this is also the "gateway
    /// dropped Retry-After" case.
    case status(Int, retryAfter: String? = nil, headers: [String: String] = [:])
    /// An error with a chosen body, e.g. a gateway that rewrites `code` to `"429"`.
    case apiError(status: Int, message: String, type: String, code: String?, headers: [String: String] = [:])
    /// An error status whose HTML page quotes the request back, its target (query included) and
    /// `Authorization` header, as careless gateways do (see `EchoedRequest`). HTTP requests only.
    case echoesRequest(status: Int)
    /// 429 `rate_limit_exceeded` with the hints present when given.
    case rateLimited(retryAfterSeconds: Int? = 1, retryAfterMs: Int? = nil, resetRequests: String? = nil)
    /// 429 `insufficient_quota`: a billing stop, not a rate limit.
    case insufficientQuota
    /// 400 `moderation_blocked`.
    case contentPolicy
    /// Closes the socket with a TCP reset instead of answering.
    case connectionReset
    /// Never answers: holds the request until released, the client goes away, `duration` (or
    /// the configured hang limit) passes or the emulator stops; then closes without a response.
    case hang(Duration? = nil)
    /// HTTP 200 with a JSON body cut short.
    case malformedJSON
    /// A head whose Content-Length promises the full response, half of it, then a close.
    case truncatedBody
    /// HTTP 200 whose `b64_json` is not base64 (with `url` delivery the URL serves non-image bytes).
    case invalidBase64
    /// HTTP 200 with valid base64 of bytes that are not an image.
    case nonImageBytes
    /// HTTP 200 with `data: []`.
    case emptyData
    /// HTTP 200 with one image fewer than requested.
    case fewerImages
    /// An async task that ends `FAILED`, for a reason of the platform's side or as a refusal.
    case taskFails(TaskFailure)
    /// An async task that ends `SUCCEEDED` with no image.
    case taskSucceedsWithoutImage
    /// A batch being created fails validation whatever its file holds, with this one error in
    /// `errors.data` (no line): what an organisation over its enqueued-work limit sees.
    case batchFailsValidation(code: String = "token_limit_exceeded",
                              message: String = "Enqueued token limit reached. Wait for some in_progress batches to complete.")
    /// A batch being created runs out of its completion window once it has executed `afterLines`
    /// lines: those keep their answers, the rest go to the error file as `batch_expired`.
    case batchExpires(afterLines: Int)

    /// Which requests a fault can be applied to; a rule waits for a request it applies to, so a
    /// payload fault aimed at "any request" is not used up by a file download or a task poll.
    enum Scope {
        /// Replaces the response with an error status and body. A batch line takes these too: the
        /// error becomes that line's answer in the error file.
        case errorAnswer
        /// Misbehaves on the wire (reset, hang, a cut or garbled body): HTTP requests only, since
        /// a batch line has no connection.
        case transport
        /// Changes the images of a response that carries them (or of a task being created).
        case imagePayload
        /// Decides how an async task being created will end.
        case taskOutcome
        /// Decides how a batch being created will end.
        case batchOutcome

        /// What any HTTP request may take.
        static let anyResponse: Set<Scope> = [.errorAnswer, .transport]
    }

    var scope: Scope {
        switch self {
        case .status, .apiError, .rateLimited, .insufficientQuota, .contentPolicy:
            .errorAnswer
        case .connectionReset, .hang, .malformedJSON, .truncatedBody, .echoesRequest:
            .transport
        case .invalidBase64, .nonImageBytes, .emptyData, .fewerImages:
            .imagePayload
        case .taskFails, .taskSucceedsWithoutImage:
            .taskOutcome
        case .batchFailsValidation, .batchExpires:
            .batchOutcome
        }
    }
}

/// Why an injected task failure happened, as the task's `error` says.
public enum TaskFailure: Sendable, Equatable {
    /// `server_error` / `generation_failed`: the platform broke down; a new task may succeed.
    case serverError
    /// `image_generation_user_error` / `moderation_blocked`: a refusal, final for the model.
    case contentPolicy
}

/// What a matcher sees of a request. For task polls, `model` and `prompt` are the task's. A batch
/// line is matched like a request of its own when the batch runs it: `path` is its `url`, `model`
/// and `prompt` are its body's, `bodyText` is the line as the file holds it (`custom_id`
/// included), `keyLabel` is the key that created the batch, and there are no headers.
public struct RequestSummary: Sendable {
    public var method: String
    public var path: String
    public var keyLabel: String?
    public var model: String?
    public var prompt: String?
    /// Lowercased header names.
    public var headers: [String: String]
    /// The body as UTF-8 text (lossy), for marker matching. Empty for uploads to the Files API: a
    /// batch file holds many steps' requests, and each is matched when its line runs.
    public var bodyText: String
    public var isTaskPoll: Bool
    public var isBatchLine = false
}

/// Selects the requests a fault rule applies to. Combine with `&&`.
public struct RequestMatcher: Sendable {
    let matches: @Sendable (RequestSummary) -> Bool

    public init(_ matches: @escaping @Sendable (RequestSummary) -> Bool) {
        self.matches = matches
    }

    public static let any = RequestMatcher { _ in true }
    public static let taskPoll = RequestMatcher { $0.isTaskPoll }
    /// The lines of batches as they run, not the HTTP requests of the Files and Batch APIs.
    public static let batchLine = RequestMatcher { $0.isBatchLine }

    public static func path(_ path: String) -> RequestMatcher { RequestMatcher { $0.path == path } }
    public static func pathPrefix(_ prefix: String) -> RequestMatcher { RequestMatcher { $0.path.hasPrefix(prefix) } }
    public static func method(_ method: String) -> RequestMatcher { RequestMatcher { $0.method == method } }
    public static func model(_ model: String) -> RequestMatcher { RequestMatcher { $0.model == model } }
    public static func key(_ label: String) -> RequestMatcher { RequestMatcher { $0.keyLabel == label } }

    public static func prompt(containing text: String) -> RequestMatcher {
        RequestMatcher { $0.prompt?.contains(text) == true }
    }

    public static func header(_ name: String, _ value: String) -> RequestMatcher {
        RequestMatcher { $0.headers[name.lowercased()] == value }
    }

    /// A step marker anywhere in the body or a header value (a prompt tag, a `user` field, a
    /// gateway header), so tests can target one step whatever the endpoint.
    public static func marker(_ text: String) -> RequestMatcher {
        RequestMatcher { summary in
            summary.bodyText.contains(text) || summary.headers.values.contains { $0.contains(text) }
        }
    }

    public static func && (lhs: RequestMatcher, rhs: RequestMatcher) -> RequestMatcher {
        RequestMatcher { lhs.matches($0) && rhs.matches($0) }
    }
}

/// The scripted faults, consumed first come first served: the first rule that matches a request
/// and applies to it loses one of its remaining uses.
final class FaultQueue: Sendable {
    private struct Rule {
        let fault: Fault
        let matcher: RequestMatcher
        var remaining: Int
    }

    private let rules = Mutex<[Rule]>([])

    func inject(_ fault: Fault, matching matcher: RequestMatcher, times: Int) {
        guard times > 0 else { return }
        rules.withLock { $0.append(Rule(fault: fault, matcher: matcher, remaining: times)) }
    }

    /// Takes the fault for a request whose route accepts faults of `scopes`.
    func take(for summary: RequestSummary, scopes: Set<Fault.Scope>) -> Fault? {
        rules.withLock { rules in
            guard let position = rules.firstIndex(where: { scopes.contains($0.fault.scope) && $0.matcher.matches(summary) }) else {
                return nil
            }
            let fault = rules[position].fault
            rules[position].remaining -= 1
            if rules[position].remaining == 0 { rules.remove(at: position) }
            return fault
        }
    }

    /// Uses not yet consumed, per fault, in injection order.
    var remaining: [(fault: Fault, times: Int)] {
        rules.withLock { $0.map { ($0.fault, $0.remaining) } }
    }

    var isEmpty: Bool {
        rules.withLock { $0.isEmpty }
    }

    func removeAll() {
        rules.withLock { $0.removeAll() }
    }
}
