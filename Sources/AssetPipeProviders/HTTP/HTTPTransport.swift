/// Sends one HTTP request and returns the complete answer, whatever its status.
///
/// The seam between the providers and the network: providers, retries and rate limits are tested
/// against a scripted fake, and a transport over another HTTP stack can replace URLSession
/// without touching them. Implementations throw `ProviderError` (`.network`, `.timeout`,
/// `.authentication`) for failures without an HTTP answer, and `CancellationError` when the
/// calling task is cancelled. Non-2xx statuses are answers, not errors.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
