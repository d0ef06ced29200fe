import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// What every remote provider does around one HTTP request, in one place so the OpenAI and Opper
/// clients cannot drift apart: authenticate, add the entry's static headers, wait for the
/// pacer, enforce the deadline with the run clock, follow redirects, honour rate-limit hints
/// and classify failures into `ProviderError` — without ever letting the API key into a message.
public struct ProviderHTTPClient: Sendable {
    /// The manifest's provider name, for messages and `ImageOrigin`.
    public let providerName: String
    public let baseURL: URL
    private let apiKey: Secret
    /// The entry's `headers`: their values may be tokens too (a gateway's own key).
    private let staticHeaders: [String: Secret]
    private let transport: any HTTPTransport
    let clock: any RunClock
    private let pacer: any RequestPacer
    /// Per request, from `timeout_s`.
    let timeout: Duration
    /// Wall time, only to read `Retry-After` given as an HTTP date.
    private let wallClock: @Sendable () -> Date
    /// The largest answer this client accepts, in bytes.
    let maxResponseBytes: Int

    private static let maxRedirects = 5

    /// The largest answer accepted by default (an API's JSON or a downloaded image): 256 MiB.
    /// Answers are held in memory whole, once per concurrent request, and then decoded (base64,
    /// an image codec), so a runaway or hostile server must not be able to hand over gigabytes.
    /// Real answers stay far below: a 4096×4096 RGBA PNG is at most 64 MiB, a third more as
    /// base64 in JSON, and an API answer holds a handful of them.
    public static let defaultMaxResponseBytes = 256 << 20

    public init(config: ProviderConfig, apiKey: String, transport: any HTTPTransport, clock: any RunClock,
                pacer: any RequestPacer, wallClock: @escaping @Sendable () -> Date = Date.init,
                maxResponseBytes: Int = ProviderHTTPClient.defaultMaxResponseBytes) throws(ProviderError) {
        guard let baseURL = config.baseURL else {
            throw ProviderError(.configuration, "provider '\(config.name)' has no base_url")
        }
        self.providerName = config.name
        self.baseURL = baseURL
        self.apiKey = Secret(apiKey)
        self.staticHeaders = config.headers.mapValues(Secret.init)
        self.transport = transport
        self.clock = clock
        self.pacer = pacer
        self.timeout = .seconds(config.timeoutSeconds)
        self.wallClock = wallClock
        self.maxResponseBytes = maxResponseBytes
    }

    /// `{base_url}/path`, keeping whatever prefix the base URL has (`/v1`, `/v2/router`).
    public func endpoint(_ path: String) throws(ProviderError) -> URL {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        guard let url = URL(string: base + path) else {
            throw ProviderError(.configuration, "cannot form a URL from base_url \(base) and \(path)")
        }
        return url
    }

    public func postJSON(_ path: String, _ body: JSONValue) async throws -> HTTPResponse {
        try await send(HTTPRequest(method: "POST", url: try endpoint(path), headers: ["Content-Type": "application/json"],
                                   body: body.serializedData()))
    }

    public func postMultipart(_ path: String, _ form: MultipartFormData) async throws -> HTTPResponse {
        try await send(HTTPRequest(method: "POST", url: try endpoint(path), headers: ["Content-Type": form.contentType],
                                   body: form.encoded))
    }

    public func get(_ url: URL) async throws -> HTTPResponse {
        try await send(HTTPRequest(method: "GET", url: url))
    }

    /// Sends one request (plus redirect hops for GETs); returns only 2xx answers and throws a
    /// classified, key-free `ProviderError` for anything else.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            var request = request
            for _ in 0...Self.maxRedirects {
                let response = try await sendOnce(request)
                guard let next = try redirect(from: request, response: response) else {
                    return try await accept(response)
                }
                request = next
            }
            throw ProviderError(.unusableResponse, "more than \(Self.maxRedirects) redirects from \(request.url.host ?? "the server")",
                                permanent: true)
        } catch let error as ProviderError {
            throw redacted(error)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw redacted(ProviderError(.network, "request failed: \(error)"))
        }
    }

    /// Removes the key and the static header values from a message however they got there (an
    /// upstream body echoing the request's headers, a URL with the key in its query). Values
    /// shorter than 4 characters are no tokens, and replacing them would garble the message;
    /// longer secrets go first, so one that contains another is removed whole.
    public func redacted(_ error: ProviderError) -> ProviderError {
        let secrets = ([apiKey] + staticHeaders.values).map(\.value).filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        var clean = error
        for secret in secrets {
            clean.message = clean.message.replacingOccurrences(of: secret, with: Secret.placeholder)
        }
        return clean
    }

    private func sendOnce(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        request.idleTimeout = request.idleTimeout ?? timeout
        request.maxResponseBytes = maxResponseBytes
        if isSameOrigin(request.url) {
            // Only to the provider itself: a result URL on a CDN must not receive the key.
            for (name, value) in staticHeaders.sorted(by: { $0.key < $1.key }) where request.headers[name] == nil {
                request.headers[name] = value.value
            }
            if !apiKey.value.isEmpty { request.headers["Authorization"] = "Bearer \(apiKey.value)" }
        }
        try await pacer.acquire()
        let deadline = clock.now + timeout
        let transport = transport
        let sendable = request
        let response = try await withDeadline(deadline, on: clock,
                                              timeoutMessage: "no answer from \(request.url.host ?? "the server") within \(timeout)") {
            try await transport.send(sendable)
        }
        try checkSize(of: response, from: request.url)
        return response
    }

    /// Refuses an answer larger than `maxResponseBytes`, by the length it declares or the bytes
    /// that arrived. `URLSessionTransport` already refuses such an answer while it streams, with
    /// memory bounded by the cap; this holds any transport to the same limit.
    private func checkSize(of response: HTTPResponse, from url: URL) throws(ProviderError) {
        let declared = response.headers["Content-Length"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        let size = max(declared, response.body.count)
        guard size > maxResponseBytes else { return }
        throw OversizedAnswer.error(from: url, size: size, limit: maxResponseBytes, status: response.status)
    }

    private func accept(_ response: HTTPResponse) async throws -> HTTPResponse {
        if response.isSuccess {
            if let reset = RateLimitHints.exhaustedWindowReset(in: response.headers) {
                await pacer.throttle(for: reset)
            }
            return response
        }
        let error = ErrorClassification.error(for: response,
                                              retryAfter: RateLimitHints.retryAfter(in: response.headers, now: wallClock()))
        if error.kind == .rateLimited {
            await pacer.throttle(for: error.retryAfter)
        }
        throw error
    }

    /// GETs follow redirects (result images are often served from a CDN that way), but only to
    /// http(s) and never from https down to http, where the answer would travel in clear text;
    /// other methods never do, so a POST body is not replayed to wherever a 3xx points. The key
    /// goes with a hop only when it stays on `base_url`'s origin (`sendOnce`).
    private func redirect(from request: HTTPRequest, response: HTTPResponse) throws(ProviderError) -> HTTPRequest? {
        guard request.method == "GET", [301, 302, 303, 307, 308].contains(response.status),
              let location = response.headers["Location"],
              let target = URL(string: location, relativeTo: request.url)?.absoluteURL else { return nil }
        let from = request.url.host ?? "the server"
        guard let scheme = target.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw ProviderError(.rejected, "refused a redirect from \(from) to a location that is not http(s)", httpStatus: response.status)
        }
        if request.url.scheme?.lowercased() == "https", scheme == "http" {
            throw ProviderError(.rejected, "refused a redirect from https on \(from) down to http on \(target.host ?? "another host")",
                                httpStatus: response.status)
        }
        return HTTPRequest(method: "GET", url: target, idleTimeout: request.idleTimeout, maxResponseBytes: request.maxResponseBytes)
    }

    private func isSameOrigin(_ url: URL) -> Bool {
        url.scheme?.lowercased() == baseURL.scheme?.lowercased() && url.host?.lowercased() == baseURL.host?.lowercased()
            && url.port == baseURL.port
    }
}
