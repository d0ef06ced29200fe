import Foundation
import Glibc

/// The socket of one `HostileServer` connection: reads a request head, writes raw bytes, and
/// reports (by returning false) when the client has gone or the server is stopping.
struct HostileConnection {
    let socket: Int32
    let isStopping: @Sendable () -> Bool

    /// The request path, once the head and the body it declares (a POST's JSON) have arrived, so
    /// closing afterwards never resets unread bytes; nil when the client closed first.
    func readRequestHead() -> String? {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        func readMore() -> Bool {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0, received.count < 64 << 20 else { return false }
            received.append(contentsOf: buffer[0..<count])
            return true
        }
        var headEnd = received.range(of: Data("\r\n\r\n".utf8))
        while headEnd == nil {
            guard readMore() else { return nil }
            headEnd = received.range(of: Data("\r\n\r\n".utf8))
        }
        guard let headEnd else { return nil }
        let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
        let declared = head.split(separator: "\r\n").lazy
            .compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        while received.count - headEnd.upperBound < declared {
            guard readMore() else { return nil }
        }
        let requestLine = head.prefix { $0 != "\r" }.split(separator: " ")
        return requestLine.count >= 2 ? String(requestLine[1]) : nil
    }

    func write(head: String) -> Bool { write(Data(head.utf8)) }

    /// All of `data`, or false once the peer is gone (MSG_NOSIGNAL: no SIGPIPE for the tests).
    func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let base = bytes.baseAddress, !isStopping() else { return false }
                let sent = send(socket, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    /// `piece` again and again until `total` bytes are out (the last piece cut to fit) or the
    /// client goes.
    func stream(_ piece: Data, total: Int64) {
        var remaining = total
        while remaining > 0 {
            let count = Int(min(Int64(piece.count), remaining))
            guard write(count == piece.count ? piece : piece.prefix(count)) else { return }
            remaining -= Int64(count)
        }
    }

    /// Sleeps `interval`; false when the server is stopping meanwhile.
    func pause(_ interval: Duration) -> Bool {
        Thread.sleep(forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
        return !isStopping()
    }
}
