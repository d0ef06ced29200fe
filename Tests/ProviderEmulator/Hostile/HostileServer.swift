import Dispatch
import Foundation
import Glibc
import Synchronization

/// A loopback server that answers every request with one `HostileBehaviour`, written byte by
/// byte on a raw socket: the misbehaviours an HTTP library would refuse to produce.
///
/// Each connection has its own thread; `stop()` shuts every socket down, so a behaviour that
/// never ends (a trickle, an endless body) ends with it, and each write gives up once the client
/// has gone.
public final class HostileServer: Sendable {
    private struct State {
        var listener: Int32?
        var connections: Set<Int32> = []
        var stopping = false
        var requests = 0
    }

    public let behaviour: HostileBehaviour
    public let port: Int
    private let state = Mutex(State())
    private let threads = DispatchGroup()

    /// Listens on 127.0.0.1, on a port the kernel picks.
    public init(_ behaviour: HostileBehaviour) throws(EmulatorStartError) {
        self.behaviour = behaviour
        let listener: Int32
        (listener, port) = try LoopbackListener.open(backlog: 64)
        state.withLock { $0.listener = listener }
        threads.enter()
        Thread.detachNewThread { [self] in
            acceptLoop(listener)
            threads.leave()
        }
    }

    /// `http://127.0.0.1:port/path`.
    public func url(_ path: String = "/image.png") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Request heads read so far.
    public var requests: Int { state.withLock { $0.requests } }

    /// Closes the listener and every connection, then waits (briefly) for their threads.
    public func stop() {
        let listener: Int32? = state.withLock { state in
            guard !state.stopping else { return nil }
            state.stopping = true
            for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
            return state.listener
        }
        guard let listener else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        _ = threads.wait(timeout: .now() + .seconds(2))
    }

    deinit { stop() }

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
            var on: Int32 = 1
            _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            threads.enter()
            Thread.detachNewThread { [self] in
                serve(HostileConnection(socket: client, isStopping: { [self] in state.withLock { $0.stopping } }))
                state.withLock { state in
                    state.connections.remove(client)
                    close(client)
                }
                threads.leave()
            }
        }
    }

    /// One request a connection (every behaviour but a plain answer ends the connection anyway).
    private func serve(_ connection: HostileConnection) {
        guard let path = connection.readRequestHead() else { return }
        state.withLock { $0.requests += 1 }
        switch behaviour {
        case let .oversizedBody(declaredLength, streamedLength):
            let length = declaredLength.map { "Content-Length: \($0)\r\n" } ?? ""
            guard connection.write(head: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\(length)Connection: close\r\n\r\n") else { return }
            connection.stream(Data(count: 256 << 10), total: streamedLength)
        case let .gzipBomb(compressedLength):
            guard connection.write(head: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Encoding: gzip\r\n"
                                       + "Connection: close\r\n\r\n"),
                  connection.write(GzipZeros.prelude) else { return }
            connection.stream(GzipZeros.patterns(length: 64 << 10), total: compressedLength)
        case let .trickle(interval):
            guard connection.write(head: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n") else { return }
            for _ in 0..<1000 {
                guard connection.write(Data([0])), connection.pause(interval) else { return }
            }
        case let .chunkedForever(interval):
            guard connection.write(head: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
            while connection.write(head: "10\r\n0123456789abcdef\r\n"), connection.pause(interval) {}
        case let .closeMidHead(partialHead):
            _ = connection.write(head: partialHead)
        case .redirectLoop:
            _ = connection.write(head: "HTTP/1.1 302 Found\r\nLocation: \(path)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        case let .redirect(location):
            _ = connection.write(head: "HTTP/1.1 302 Found\r\nLocation: \(location)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        case let .answer(status, contentType, body):
            let head = "HTTP/1.1 \(status) Answer\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
                + "Connection: close\r\n\r\n"
            _ = connection.write(Data(head.utf8) + body)
        }
    }
}
