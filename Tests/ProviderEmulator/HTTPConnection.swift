import Foundation
import Glibc

/// One accepted client connection, served on its own thread: reads requests (keep-alive),
/// hands each to the router, and offers the router the socket operations faults need.
///
/// Blocking I/O on a dedicated thread keeps the code straight-line; `stop()` unblocks it by
/// shutting the socket down, which ends `recv` and `poll` at once.
struct HTTPConnection: ResponseChannel {
    /// Linux's POLLRDHUP (peer closed its writing side), which Swift's Glibc module does not export.
    private static let pollReadHangUp: Int16 = 0x2000

    let socket: Int32
    let router: RequestRouter
    let isStopping: @Sendable () -> Bool

    /// Serves requests until the client closes, an error occurs, the idle timeout passes, or a
    /// reply ends the connection. The caller closes the socket.
    func run() {
        var parser = HTTPRequestParser(maxBodyBytes: router.maxBodyBytes(for:))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            do {
                while let request = try parser.nextRequest() {
                    guard router.handle(request, on: self) else { return }
                }
            } catch {
                let failure = APIError(status: error.status, message: "Malformed HTTP request.", type: "invalid_request_error")
                _ = send(failure.response.serialized(keepAlive: false))
                return
            }
            if parser.awaitsContinue {
                guard send(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
                parser.acknowledgeContinue()
            }
            let received = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if received < 0, errno == EINTR { continue }
            guard received > 0 else { return }
            parser.feed(chunk[0..<received])
        }
    }

    func send(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return true }
            var remaining = buffer.count
            while remaining > 0 {
                let sent = Glibc.send(socket, pointer, remaining, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                pointer += sent
                remaining -= sent
            }
            return true
        }
    }

    func wait(for duration: Duration, releasedWhen released: () -> Bool) -> WaitResult {
        let deadline = ContinuousClock.now + duration
        while true {
            if released() { return .released }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .elapsed }
            // Short slices only matter for `released`; peer close and stop wake poll at once.
            let slice = min(left, .milliseconds(25))
            var descriptor = pollfd(fd: socket, events: Self.pollReadHangUp, revents: 0)
            let ready = poll(&descriptor, 1, Int32(OpenAIDuration.wholeMilliseconds(slice, roundingUp: true)))
            if ready > 0 { return isStopping() ? .stopped : .peerClosed }
            if ready < 0, errno != EINTR { return .peerClosed }
        }
    }

    /// SO_LINGER with a zero timeout makes the coming `close` send RST instead of FIN.
    func armReset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(socket, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }
}
