import Foundation
import Synchronization
import AssetPipeProviders

/// An `HTTPTransport` that answers from a script and records every request it was given.
final class ScriptedTransport: HTTPTransport {
    typealias Responder = @Sendable (HTTPRequest) async throws -> HTTPResponse

    private struct State {
        var script: [Responder] = []
        var requests: [HTTPRequest] = []
    }

    private let state = Mutex(State())

    init(_ responses: HTTPResponse...) {
        for response in responses { enqueue(response) }
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func enqueue(_ response: HTTPResponse) {
        enqueue { _ in response }
    }

    func enqueue(_ responder: @escaping Responder) {
        state.withLock { $0.script.append(responder) }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let responder = state.withLock { state -> Responder? in
            state.requests.append(request)
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        guard let responder else {
            return HTTPResponse(status: 599, body: Data("no scripted answer left".utf8))
        }
        return try await responder(request)
    }

    /// Never answers; ends only by cancellation (a hung server).
    static let hang: Responder = { _ in
        try await Task.sleep(for: .seconds(3600))
        throw CancellationError()
    }
}

/// Counts what the client asked of the pacer.
final class RecordingPacer: RequestPacer {
    private struct State {
        var acquired = 0
        var throttles: [Duration?] = []
    }

    private let state = Mutex(State())

    var acquired: Int { state.withLock { $0.acquired } }
    var throttles: [Duration?] { state.withLock { $0.throttles } }

    func acquire() async throws {
        state.withLock { $0.acquired += 1 }
    }

    func throttle(for delay: Duration?) async {
        state.withLock { $0.throttles.append(delay) }
    }
}
