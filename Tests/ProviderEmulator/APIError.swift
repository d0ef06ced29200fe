import AssetPipeBasics

/// An error answer in the OpenAI shape `{"error": {"message", "type", "param", "code"}}`, which
/// OpenAI-compatible gateways, async-task platforms and the emulated Opper endpoint all use.
struct APIError: Error, Sendable {
    var status: Int
    var message: String
    var type: String
    var param: String?
    var code: String?
    var headers: [(name: String, value: String)] = []

    var body: JSONValue {
        .object([("error", .object([
            ("message", .string(message)),
            ("type", .string(type)),
            ("param", param.map(JSONValue.string) ?? .null),
            ("code", code.map(JSONValue.string) ?? .null),
        ]))])
    }

    var response: OutgoingResponse { .json(status, body, headers: headers) }

    static func invalidRequest(_ message: String, param: String? = nil, code: String? = nil) -> APIError {
        APIError(status: 400, message: message, type: "invalid_request_error", param: param, code: code)
    }

    /// No key names itself here: the message is shown to users, so it must never carry a key.
    static let invalidKey = APIError(
        status: 401,
        message: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error", code: "invalid_api_key")

    static let missingKey = APIError(
        status: 401,
        message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        type: "invalid_request_error", code: "invalid_api_key")

    static let insufficientQuota = APIError(
        status: 429, message: "You exceeded your current quota, please check your plan and billing details.",
        type: "insufficient_quota", code: "insufficient_quota")

    static let contentPolicy = APIError(
        status: 400,
        message: "Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com.",
        type: "image_generation_user_error", code: "moderation_blocked")

    static func notFound(_ method: String, _ path: String) -> APIError {
        APIError(status: 404, message: "Invalid URL (\(method) \(path))", type: "invalid_request_error")
    }

    static func unknownModel(_ model: String) -> APIError {
        APIError(status: 404, message: "The model '\(model)' does not exist or you do not have access to it.",
                 type: "invalid_request_error", code: "model_not_found")
    }

    /// The message and type a real server sends with each status, for injected status faults.
    static func forStatus(_ status: Int) -> APIError {
        let (message, type): (String, String) = switch status {
        case 400: ("Invalid request.", "invalid_request_error")
        case 401: (invalidKey.message, "invalid_request_error")
        case 403: ("You are not allowed to access this resource.", "invalid_request_error")
        case 404: ("Not found.", "invalid_request_error")
        case 408: ("Request timed out.", "timeout")
        case 409: ("Conflict: another request is being processed.", "conflict")
        case 422: ("Unprocessable request.", "invalid_request_error")
        case 429: ("Rate limit reached for requests. Please try again later.", "requests")
        case 500: ("The server had an error while processing your request. Sorry about that!", "server_error")
        case 502: ("Bad gateway.", "server_error")
        case 503: ("The engine is currently overloaded, please try again later.", "server_error")
        case 504: ("Gateway timeout.", "server_error")
        default: ("Request failed with status \(status).", status >= 500 ? "server_error" : "invalid_request_error")
        }
        return APIError(status: status, message: message, type: type,
                        code: status == 429 ? "rate_limit_exceeded" : nil)
    }
}
