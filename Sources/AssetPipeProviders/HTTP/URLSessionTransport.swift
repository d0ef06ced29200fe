import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// `HTTPTransport` over FoundationNetworking's URLSession, with the guardrails that Swift 6.3.1
/// on Linux needs (see `shared/notes/urlsession-on-linux.md`):
/// - one process-wide session (`shared`), no URL cache, a per-host connection limit well above
///   the executor's own concurrency limit so that requests never queue inside curl;
/// - requests run as `dataTask` + continuation, and cancellation calls `task.cancel()` from a
///   global queue, never inline (inline cancellation deadlocks corelibs-foundation);
/// - authentication challenges are cancelled (a 401 with `WWW-Authenticate: Basic` otherwise
///   hangs forever); the resulting `.cancelled` that we did not ask for means "wrong key";
/// - redirects are refused and handed back as 3xx answers, which `ProviderHTTPClient` follows
///   with a new request (HTTP/2 + redirect can trap inside corelibs-foundation).
public final class URLSessionTransport: HTTPTransport {
    /// The one session of the process: sessions are expensive, and several of them multiply
    /// connection pools and corelibs-foundation's lock contention.
    public static let shared = URLSessionTransport()

    private let session: URLSession
    private let delegate = SessionDelegate()

    private init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    /// The body arrives through the session delegate, chunk by chunk, so an answer that passes
    /// `request.maxResponseBytes` is cancelled the moment it does instead of being buffered whole.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let urlRequest = Self.urlRequest(for: request)
        let handle = TaskHandle(transfers: delegate.transfers)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest)
                delegate.transfers.register(task, Transfer(url: request.url, limit: request.maxResponseBytes) { outcome in
                    continuation.resume(with: Self.result(outcome, cancelledByCaller: handle.wasCancelled))
                })
                handle.attach(task)
                task.resume()
            }
        } onCancel: {
            handle.cancel()
        }
    }

    private static func urlRequest(for request: HTTPRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for field in request.headers { urlRequest.setValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        if let idle = request.idleTimeout {
            urlRequest.timeoutInterval = max(1, (Double(idle.components.seconds) + 1).rounded(.down))
        }
        return urlRequest
    }

    private static func result(_ outcome: Transfer.Outcome, cancelledByCaller: Bool) -> Result<HTTPResponse, any Error> {
        if let refusal = outcome.refusal { return .failure(refusal) }
        if let error = outcome.error {
            return .failure(mapError(error, cancelledByCaller: cancelledByCaller))
        }
        guard let status = outcome.status else {
            return .failure(ProviderError(.network, "the server's answer was not HTTP"))
        }
        return .success(HTTPResponse(status: status, headers: outcome.headers, body: outcome.body))
    }

    static func headers(of response: HTTPURLResponse) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for case let (name as String, value as String) in response.allHeaderFields { headers[name] = value }
        return headers
    }

    private static func mapError(_ error: any Error, cancelledByCaller: Bool) -> any Error {
        guard let urlError = error as? URLError else {
            return ProviderError(.network, "request failed: \(error.localizedDescription)")
        }
        switch urlError.code {
        case .cancelled where cancelledByCaller:
            return CancellationError()
        case .cancelled, .userAuthenticationRequired:
            // Only our delegate cancels without the caller asking (an oversized body is reported as
            // its refusal): it refused an auth challenge.
            return ProviderError(.authentication, "the server asked for credentials: the API key was not accepted",
                                 httpStatus: 401)
        case .timedOut:
            return ProviderError(.timeout, "the connection stayed silent past the idle timeout")
        default:
            return ProviderError(.network, "connection failed: \(urlError.localizedDescription) (URLError \(urlError.code.rawValue))")
        }
    }
}

/// The data task of one request and whether its caller cancelled it, shared between the
/// continuation and the cancellation handler (which may run first, on any thread). A cancelled
/// request is answered at once: its task's own completion can sit for seconds behind the body
/// pieces corelibs-foundation has queued for the delegate.
private final class TaskHandle: Sendable {
    private struct State {
        var task: URLSessionDataTask?
        var cancelled = false
    }

    private let state = Mutex(State())
    private let transfers: TransferRegistry

    init(transfers: TransferRegistry) {
        self.transfers = transfers
    }

    var wasCancelled: Bool { state.withLock { $0.cancelled } }

    func attach(_ task: URLSessionDataTask) {
        let cancelNow = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelNow { stop(task) }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        if let task { stop(task) }
    }

    private func stop(_ task: URLSessionDataTask) {
        cancelLater(task)
        transfers.abandon(task.taskIdentifier, error: URLError(.cancelled))
    }
}

/// Never inline from a cancellation handler or a delegate callback: corelibs-foundation can
/// deadlock on its locks.
private func cancelLater(_ task: URLSessionTask) {
    DispatchQueue.global().async { task.cancel() }
}

/// The one delegate of the session: it receives every task's body and completion (routed to
/// the task's `Transfer` by task identifier, as per-task delegates are not reliable in
/// corelibs-foundation) and refuses what corelibs-foundation gets wrong: auth challenges and
/// automatic redirects.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
    let transfers = TransferRegistry()

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        // Cancelled from a global queue rather than with `.cancel`, which corelibs-foundation acts
        // on inline; until the cancel lands, the refused transfer drops what still arrives.
        if !transfers.receive(response, for: dataTask.taskIdentifier) { cancelLater(dataTask) }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        if !transfers.receive(data, for: dataTask.taskIdentifier) { cancelLater(dataTask) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        transfers.complete(task.taskIdentifier, error: error)
    }
}
