import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns a non-2xx answer into the `ProviderError` the executor acts on.
///
/// The classification decides between retrying, failing over and stopping, so it follows what
/// the providers mean rather than the status alone: a 429 that is a billing stop
/// (`insufficient_quota`, possibly rewritten by a gateway to code `"429"` with the upstream text)
/// must not be retried like a rate limit.
enum ErrorClassification {
    static func error(for response: HTTPResponse, retryAfter: Duration?) -> ProviderError {
        let detail = ErrorBody.parse(response.body)
        let message = detail?.message.flatMap { $0.isEmpty ? nil : CredentialText.scrubbed($0) } ?? excerpt(of: response)
        let kind = kind(status: response.status, detail: detail)
        let hint = kind == .rateLimited || kind == .server ? retryAfter : nil
        return ProviderError(kind, message, httpStatus: response.status, retryAfter: hint)
    }

    static func kind(status: Int, detail: ErrorBody.Detail?) -> ProviderError.Kind {
        switch status {
        case 429: return isQuotaStop(detail) ? .quotaExhausted : .rateLimited
        case 408, 409, 500...599: return .server
        // A 403 ("organization must be verified to use this model") is about this model, not the
        // key: another model may well accept the request, so it falls back like a 400.
        case 401: return .authentication
        case 300...399: return .unusableResponse
        default: return .rejected
        }
    }

    private static func isQuotaStop(_ detail: ErrorBody.Detail?) -> Bool {
        guard let detail else { return false }
        if detail.code == "insufficient_quota" || detail.type == "insufficient_quota" { return true }
        return detail.message?.range(of: "exceeded your current quota", options: .caseInsensitive) != nil
    }

    /// For bodies that are not the JSON error shape (an HTML error page from a proxy): enough to
    /// recognise it, not a page of markup. Credentials are removed before the cut, which could
    /// otherwise leave half a key that no longer matches the one to remove.
    private static func excerpt(of response: HTTPResponse) -> String {
        let scrubbed = CredentialText.scrubbed(String(decoding: response.body.prefix(4096), as: UTF8.self))
        let text = String(scrubbed.prefix(200))
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? HTTPURLResponse.localizedString(forStatusCode: response.status) : text
    }
}
