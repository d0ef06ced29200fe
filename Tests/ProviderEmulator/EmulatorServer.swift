import Dispatch
import Foundation
import Glibc
import Synchronization

public struct EmulatorStartError: Error, CustomStringConvertible {
    public let operation: String
    public let code: Int32

    public var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}

/// The loopback listener: accepts connections on 127.0.0.1 and serves each on its own thread.
/// Tracks every open socket so `stop()` can shut them all down and the threads end promptly.
final class EmulatorServer: Sendable {
    private struct State {
        var listener: Int32?
        var connections: Set<Int32> = []
        var stopping = false
        var port: Int?
    }

    /// How long `stop()` waits for connection threads to record their last request.
    private static let drainTimeout = DispatchTimeInterval.seconds(2)

    private let router: RequestRouter
    private let state = Mutex(State())
    private let threads = DispatchGroup()

    init(router: RequestRouter) {
        self.router = router
    }

    var port: Int? { state.withLock { $0.port } }

    /// Binds 127.0.0.1 on a port the kernel picks and starts accepting. Starting twice or after
    /// a stop is a no-op.
    func start() throws(EmulatorStartError) {
        let alreadyStarted = state.withLock { $0.listener != nil || $0.stopping }
        guard !alreadyStarted else { return }
        let (listener, port) = try LoopbackListener.open(backlog: 512)
        state.withLock {
            $0.listener = listener
            $0.port = port
        }
        threads.enter()
        Thread.detachNewThread { [self] in
            acceptLoop(listener)
            threads.leave()
        }
    }

    /// Closes the listener and every connection; hung requests end at once. Idempotent.
    func stop() {
        let listener: Int32? = state.withLock { state in
            guard !state.stopping else { return nil }
            state.stopping = true
            for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
            return state.listener
        }
        guard let listener else { return }
        // Shutting the listener down wakes the blocked `accept`; the accept thread closes it.
        shutdown(listener, Int32(SHUT_RDWR))
        _ = threads.wait(timeout: .now() + Self.drainTimeout)
    }

    private func acceptLoop(_ listener: Int32) {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let admitted = state.withLock { state in
                guard !state.stopping else { return false }
                state.connections.insert(client)
                return true
            }
            guard admitted else {
                close(client)
                return
            }
            configure(client)
            threads.enter()
            Thread.detachNewThread { [self] in
                HTTPConnection(socket: client, router: router, isStopping: { [self] in state.withLock { $0.stopping } }).run()
                // Closing under the lock keeps `stop()` from shutting down a reused descriptor.
                state.withLock { state in
                    state.connections.remove(client)
                    close(client)
                }
                threads.leave()
            }
        }
    }

    /// TCP_NODELAY so a response is never held back waiting for an ACK; the idle timeout bounds
    /// how long a keep-alive connection holds its thread.
    private func configure(_ socket: Int32) {
        var on: Int32 = 1
        _ = setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        let idle = router.configuration.idleConnectionTimeout.components
        var timeout = timeval(tv_sec: Int(idle.seconds), tv_usec: Int(idle.attoseconds / 1_000_000_000_000))
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }
}
