import Foundation

/// One parsed HTTP/1.1 request with its complete body.
struct IncomingRequest: Sendable {
    var method: String
    /// The request target as sent: path plus optional `?query`.
    var target: String
    var version: String
    var headers: [(name: String, value: String)]
    var body: Data

    var path: String { String(target.prefix { $0 != "?" }) }

    var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...])
    }

    /// The first value of a header, matched case-insensitively as HTTP requires.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes unless told otherwise.
    var keepsAlive: Bool {
        let connection = header("Connection")?.lowercased()
        if version == "HTTP/1.0" { return connection == "keep-alive" }
        return connection != "close"
    }
}

enum HTTPParseError: Error, Equatable {
    case malformed(String)
    case headTooLarge
    case bodyTooLarge
    case unsupportedTransferEncoding(String)

    /// The status the connection answers with before it closes.
    var status: Int {
        switch self {
        case .malformed: 400
        case .headTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferEncoding: 501
        }
    }
}

/// An incremental HTTP/1.1 request parser: bytes go in as they arrive from the socket, complete
/// requests come out. Handles `Content-Length` and `Transfer-Encoding: chunked` bodies and several
/// requests in one buffer, and never rescans bytes it has already consumed, so a multi-megabyte
/// upload arriving in small reads costs linear time.
struct HTTPRequestParser {
    static let maxHeadBytes = 64 * 1024

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    /// Each request's cap, decided from its head.
    private let bodyLimit: (IncomingRequest) -> Int
    private var maxBodyBytes = 0
    private var buffer: [UInt8] = []
    private var cursor = 0
    private var headSearchFrom = 0
    private var state = State.head
    private var pending: IncomingRequest?
    private var body: [UInt8] = []
    private var continueAcknowledged = false

    init(maxBodyBytes: @escaping (IncomingRequest) -> Int) {
        bodyLimit = maxBodyBytes
    }

    /// One cap for every request.
    init(maxBodyBytes: Int) {
        self.init(maxBodyBytes: { _ in maxBodyBytes })
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// True when a head asking `Expect: 100-continue` has been read and its body has not: the
    /// connection must send `100 Continue` once, or the client waits before uploading.
    var awaitsContinue: Bool {
        guard let pending, !continueAcknowledged else { return false }
        return pending.header("Expect")?.lowercased() == "100-continue"
    }

    mutating func acknowledgeContinue() {
        continueAcknowledged = true
    }

    /// The next complete request, or nil when more bytes are needed.
    mutating func nextRequest() throws(HTTPParseError) -> IncomingRequest? {
        defer { compact() }
        while true {
            switch state {
            case .head:
                guard try readHead() else { return nil }
            case let .fixedBody(remaining):
                let missing = consumeBody(remaining)
                guard missing == 0 else {
                    state = .fixedBody(remaining: missing)
                    return nil
                }
                return finish()
            case .chunkSize:
                guard let line = readLine() else { return nil }
                let digits = line.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
                guard let size = Int(digits, radix: 16), size >= 0 else { throw .malformed("bad chunk size") }
                guard body.count + size <= maxBodyBytes else { throw .bodyTooLarge }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case let .chunkData(remaining):
                let missing = consumeBody(remaining)
                guard missing == 0 else {
                    state = .chunkData(remaining: missing)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let line = readLine() else { return nil }
                guard line.isEmpty else { throw .malformed("chunk not followed by CRLF") }
                state = .chunkSize
            case .trailers:
                guard let line = readLine() else { return nil }
                if line.isEmpty { return finish() }
            }
        }
    }

    private mutating func finish() -> IncomingRequest? {
        guard var request = pending else { return nil }
        request.body = Data(body)
        pending = nil
        body = []
        continueAcknowledged = false
        state = .head
        return request
    }

    /// Reads a CRLF-terminated line from the cursor, without the CRLF.
    /// Moves up to `remaining` buffered bytes into the body; returns how many are still missing.
    private mutating func consumeBody(_ remaining: Int) -> Int {
        let take = min(remaining, buffer.count - cursor)
        body.append(contentsOf: buffer[cursor..<cursor + take])
        cursor += take
        return remaining - take
    }

    private mutating func readLine() -> String? {
        var end = cursor
        while end + 1 < buffer.count {
            if buffer[end] == 0x0D, buffer[end + 1] == 0x0A {
                let line = String(decoding: buffer[cursor..<end], as: UTF8.self)
                cursor = end + 2
                return line
            }
            end += 1
        }
        return nil
    }

    private mutating func readHead() throws(HTTPParseError) -> Bool {
        var end = max(cursor, headSearchFrom)
        while end + 3 < buffer.count {
            if buffer[end] == 0x0D, buffer[end + 1] == 0x0A, buffer[end + 2] == 0x0D, buffer[end + 3] == 0x0A { break }
            end += 1
        }
        guard end + 3 < buffer.count else {
            guard buffer.count - cursor <= Self.maxHeadBytes else { throw .headTooLarge }
            headSearchFrom = max(cursor, end)
            return false
        }
        guard end - cursor <= Self.maxHeadBytes else { throw .headTooLarge }
        let head = String(decoding: buffer[cursor..<end], as: UTF8.self)
        cursor = end + 4
        headSearchFrom = cursor
        let request = try Self.parseHead(head)
        pending = request
        maxBodyBytes = bodyLimit(request)
        if let encoding = request.header("Transfer-Encoding")?.lowercased() {
            guard encoding.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) == "chunked" else {
                throw .unsupportedTransferEncoding(encoding)
            }
            state = .chunkSize
        } else if let lengthText = request.header("Content-Length") {
            guard let length = Int(lengthText.trimmingCharacters(in: .whitespaces)), length >= 0 else {
                throw .malformed("bad Content-Length")
            }
            guard length <= maxBodyBytes else { throw .bodyTooLarge }
            state = .fixedBody(remaining: length)
        } else {
            state = .fixedBody(remaining: 0)
        }
        return true
    }

    private static func parseHead(_ head: String) throws(HTTPParseError) -> IncomingRequest {
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), !requestLine[0].isEmpty,
              requestLine[1].hasPrefix("/") else {
            throw .malformed("bad request line")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line.hasPrefix(" "), !line.hasPrefix("\t") else {
                throw .malformed("bad header line")
            }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return IncomingRequest(method: String(requestLine[0]), target: String(requestLine[1]),
                           version: String(requestLine[2]), headers: headers, body: Data())
    }

    /// Drops consumed bytes so the buffer holds only what is not parsed yet.
    private mutating func compact() {
        guard cursor > 0 else { return }
        buffer.removeSubrange(0..<cursor)
        headSearchFrom = max(0, headSearchFrom - cursor)
        cursor = 0
    }
}
