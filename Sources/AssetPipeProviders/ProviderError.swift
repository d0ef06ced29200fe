import Foundation

/// Why an attempt failed, classified so the executor knows whether to retry, fall back or stop.
///
/// Messages never contain an API key: providers build them from the upstream error body and
/// the HTTP status only.
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 429 (not a billing stop): retry after the hinted delay, slow the provider down.
        case rateLimited
        /// 408, 409, 5xx.
        case server
        /// Connection refused/reset, DNS, TLS.
        case network
        /// No complete answer before the deadline.
        case timeout
        /// A 200 that cannot be used: malformed JSON, bad base64, non-image bytes, too few images,
        /// a task that succeeded without an image.
        case unusableResponse
        /// 400/403/404/422, content policy: this request will not succeed as is on this model.
        case rejected
        /// 401: the key is wrong; no other request to this provider will fare better.
        case authentication
        /// 429 `insufficient_quota`: out of money, not out of rate.
        case quotaExhausted
        /// An async task that ended `FAILED` on the platform's side (server, upstream, timeout, no
        /// reason given). A failed task costs nothing, so a new one is worth submitting.
        case taskFailed
        /// A task that exists but whose images this run cannot have: it did not finish within the
        /// polling ceiling, or it succeeded with an answer whose images cannot be read. Neither a
        /// retry nor a fallback follows — both would pay again for images that exist — and the
        /// task stays recorded so that a later run collects it while the platform keeps results.
        case taskUnsettled
        /// The request cannot be made: a missing key, an input the provider cannot take.
        case configuration
    }

    public var kind: Kind
    public var message: String
    public var httpStatus: Int?
    /// The earliest moment the provider said to try again, relative to when it answered.
    public var retryAfter: Duration?
    /// The same request would meet the same failure: an answer larger than the cap (a gzip bomb,
    /// an endless body), an image beyond the decoder's limits or in a form it does not take, a
    /// redirect loop. Such an answer is still `.unusableResponse` (and probably billed), but
    /// another attempt on the same model would only pay for it again.
    public var isPermanent: Bool

    public init(_ kind: Kind, _ message: String, httpStatus: Int? = nil, retryAfter: Duration? = nil,
                permanent: Bool = false) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.isPermanent = permanent
    }

    /// Worth another attempt on the same model.
    public var isRetryable: Bool {
        if isPermanent { return false }
        switch kind {
        case .rateLimited, .server, .network, .timeout, .unusableResponse, .taskFailed: return true
        case .rejected, .authentication, .quotaExhausted, .taskUnsettled, .configuration: return false
        }
    }

    /// The request was most likely rendered and billed although its images did not arrive: a
    /// budget counts it as spent rather than let the run overspend.
    public var wasProbablyBilled: Bool {
        kind == .timeout || kind == .unusableResponse || kind == .taskUnsettled
    }

    public var description: String {
        httpStatus.map { "HTTP \($0): \(message)" } ?? message
    }
}
