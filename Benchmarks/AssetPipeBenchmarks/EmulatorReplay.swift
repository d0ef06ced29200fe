import Dispatch
import Foundation
import Glibc
import ProviderEmulator
import Synchronization

/// Sends a fixed list of prebuilt HTTP requests to an emulator from `connections` blocking
/// keep-alive sockets, doing as little as possible on the client side, to measure what the
/// emulator alone costs in CPU for a load like a run's.
struct EmulatorReplay {
    struct Request {
        var head: String
        var body: Data
    }

    struct Result {
        /// CPU of the whole process while the replay ran.
        var processCPU: Duration
        /// CPU spent by the replaying threads themselves (not the emulator).
        var clientCPU: Duration
        var failures: Int
    }

    var port: Int
    var connections: Int

    func run(_ requests: [Request]) -> Result {
        let next = Atomic<Int>(0)
        let totals = Mutex((client: Duration.zero, failures: 0))
        let before = ProcessStats.processCPU()
        DispatchQueue.concurrentPerform(iterations: connections) { _ in
            let start = ProcessStats.threadCPU()
            var failures = 0
            if let socket = connect() {
                var buffer = [UInt8](repeating: 0, count: 1 << 20)
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < requests.count else { break }
                    if !exchange(requests[index], on: socket, buffer: &buffer) { failures += 1 }
                }
                close(socket)
            } else {
                failures += 1
            }
            let spent = ProcessStats.threadCPU() - start
            totals.withLock {
                $0.client += spent
                $0.failures += failures
            }
        }
        let (client, failures) = totals.withLock { ($0.client, $0.failures) }
        return Result(processCPU: ProcessStats.processCPU() - before, clientCPU: client, failures: failures)
    }

    private func connect() -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            return nil
        }
        return socket
    }

    /// Sends one request and reads its whole Content-Length answer; true on a 200.
    private func exchange(_ request: Request, on socket: Int32, buffer: inout [UInt8]) -> Bool {
        guard send(Data(request.head.utf8) + request.body, on: socket) else { return false }
        var head = Data()
        var bodyRemaining: Int?
        var status = 0
        while bodyRemaining.map({ $0 > 0 }) ?? true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return false }
            if let remaining = bodyRemaining {
                bodyRemaining = remaining - count
                continue
            }
            head.append(contentsOf: buffer[0..<count])
            guard let end = head.range(of: Data("\r\n\r\n".utf8)) else { continue }
            let text = String(decoding: head[head.startIndex..<end.lowerBound], as: UTF8.self)
            status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            let length = text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            bodyRemaining = length - (head.count - head.distance(from: head.startIndex, to: end.upperBound))
        }
        return status == 200
    }

    private func send(_ data: Data, on socket: Int32) -> Bool {
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return true }
            var remaining = buffer.count
            while remaining > 0 {
                let sent = Glibc.send(socket, pointer, remaining, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return false }
                pointer += sent
                remaining -= sent
            }
            return true
        }
    }
}
