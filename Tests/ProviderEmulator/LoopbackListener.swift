import Glibc

/// A listening TCP socket on 127.0.0.1, on a port the kernel picks: what the emulator and the
/// hostile test server both accept on.
enum LoopbackListener {
    /// The socket and its port; `backlog` connections may wait to be accepted.
    static func open(backlog: Int32) throws(EmulatorStartError) -> (socket: Int32, port: Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw EmulatorStartError(operation: "socket", code: errno) }
        var on: Int32 = 1
        _ = setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try check(bound == 0, "bind", listener)
        try check(listen(listener, backlog) == 0, "listen", listener)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        try check(named == 0, "getsockname", listener)
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Closes the socket and throws `operation`'s errno unless it succeeded.
    private static func check(_ succeeded: Bool, _ operation: String, _ listener: Int32) throws(EmulatorStartError) {
        guard !succeeded else { return }
        let code = errno
        close(listener)
        throw EmulatorStartError(operation: operation, code: code)
    }
}
