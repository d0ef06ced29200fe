import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// Shared plumbing for the emulator's own tests: one URLSession for the process (URLSession on
/// Linux misbehaves with many sessions and with cancellation), a factory of distinct fake image
/// bytes, request builders, and a raw-socket client for faults URLSession would hide.
enum EmulatorHarness {
    static let secret = "sk-emulator-test-0123456789"
    /// The key of a second account, labelled `other`.
    static let otherSecret = "sk-other-key"

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration)
    }()

    /// Bytes that name their request and position, so every image differs and tests can tell
    /// which request produced it. Not decodable: the emulator never decodes what it serves.
    static let fakeImages: ImageFactory = { spec in
        let mimeType = switch spec.outputFormat {
        case "jpeg": "image/jpeg"
        case "webp": "image/webp"
        default: "image/png"
        }
        return (Data("FAKE|\(spec.operation.rawValue)|\(spec.model)|\(spec.requestSequence)|\(spec.index)|\(spec.prompt)".utf8), mimeType)
    }

    /// Bytes that name everything of the spec but the request's sequence number: a factory that
    /// renders by content, as a deterministic model would, so one request gives the same bytes
    /// whether it is sent synchronously or runs in a batch.
    static let contentImages: ImageFactory = { spec in
        let name = [spec.operation.rawValue, spec.model, spec.prompt, spec.size ?? "-", String(spec.index),
                    spec.outputFormat ?? "-", spec.background ?? "-", String(spec.inputImageCount)].joined(separator: "|")
        return (Data("CONTENT|\(name)".utf8), "image/png")
    }

    static func emulator(maxConcurrent: Int? = nil, requestsPerMinute: Int? = nil, window: Duration = .seconds(60),
                         latency: Duration = .zero, models: [String: ModelBehavior] = [:],
                         unknownModels: ModelBehavior? = ModelBehavior(),
                         hangLimit: Duration = .seconds(30), recordsBytes: Bool = true,
                         opperModels: [OfferedModel] = OfferedModel.opperDefaults,
                         openAIModels: [OfferedModel] = OfferedModel.openAIDefaults, imageFactory: @escaping ImageFactory = fakeImages,
                         batches: BatchBehavior = BatchBehavior()) throws -> ProviderEmulator {
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "main", secret: secret, maxConcurrent: maxConcurrent, requestsPerMinute: requestsPerMinute),
                   EmulatorKey(label: "other", secret: otherSecret)],
            models: models, unknownModels: unknownModels, latency: latency, rateLimitWindow: window,
            costPerImage: 0.25, hangLimit: hangLimit, recordsUploadedBytes: recordsBytes, imageFactory: imageFactory,
            opperModels: opperModels, openAIModels: openAIModels, batches: batches))
        try emulator.start()
        return emulator
    }

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data

        var json: JSONValue? { try? JSONValue(parsing: body) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    static func request(_ url: URL, method: String = "POST", key: String? = secret, contentType: String? = nil,
                        body: Data? = nil) -> URLRequest {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        return request
    }

    static func send(_ request: URLRequest) async throws -> Reply {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }

    static func postJSON(_ url: URL, _ object: [String: Any], key: String? = secret) async throws -> Reply {
        let body = try JSONSerialization.data(withJSONObject: object)
        return try await send(request(url, key: key, contentType: "application/json", body: body))
    }

    static func get(_ url: URL, key: String? = secret) async throws -> Reply {
        try await send(request(url, method: "GET", key: key))
    }

    /// A multipart/form-data body built by hand, so tests control every byte of it.
    struct Multipart {
        let boundary = "emu-boundary-7d9f"
        private(set) var body = Data()

        mutating func field(_ name: String, _ value: String) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }

        mutating func file(_ name: String, filename: String, contentType: String?, _ data: Data) {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            body.append(Data((head + "\r\n").utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }

        func finished() -> Data { body + Data("--\(boundary)--\r\n".utf8) }

        var contentType: String { "multipart/form-data; boundary=\(boundary)" }
    }

    static func postMultipart(_ url: URL, _ form: Multipart) async throws -> Reply {
        try await send(request(url, contentType: form.contentType, body: form.finished()))
    }

    /// The first `data` item of a JSON reply, decoded from `b64_json`.
    static func firstImage(_ reply: Reply) -> Data? {
        guard case let .array(items)? = reply.json?["data"], case let .string(base64)? = items.first?["b64_json"] else {
            return nil
        }
        return Data(base64Encoded: base64)
    }

    static func dataItems(_ reply: Reply) -> [JSONValue] {
        if case let .array(items)? = reply.json?["data"] { return items }
        return []
    }

    static func string(_ value: JSONValue?) -> String? {
        if case let .string(text)? = value { return text }
        return nil
    }

    static func number(_ value: JSONValue?) -> Double? {
        if case let .number(number)? = value { return number }
        return nil
    }

    static func errorCode(_ reply: Reply) -> String? { string(reply.json?["error"]?["code"]) }
}

/// A raw TCP client for wire-level checks that URLSession would hide: resets, truncated bodies,
/// chunked uploads, keep-alive.
struct RawConnection {
    struct Failure: Error {
        let operation: String
        let code: Int32
    }

    enum ReadEnd: Equatable {
        /// Orderly close (FIN).
        case closed
        /// The server reset the connection.
        case reset
        /// Nothing more arrived within the read timeout.
        case timedOut
    }

    let socket: Int32

    init(port: Int, readTimeout: Duration = .seconds(5)) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(operation: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(socket)
            throw Failure(operation: "connect", code: code)
        }
        let (seconds, attoseconds) = readTimeout.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) { send(Data(text.utf8)) }

    func send(_ data: Data) {
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            _ = Glibc.send(socket, base, buffer.count, Int32(MSG_NOSIGNAL))
        }
    }

    /// Reads until the server closes, resets, or goes quiet.
    func readAll() -> (data: Data, end: ReadEnd) {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                data.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return (data, .closed)
            } else {
                return (data, errno == ECONNRESET ? .reset : .timedOut)
            }
        }
    }

    /// Reads one complete Content-Length response, leaving the connection open.
    func readResponse() -> RawResponse? {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let response = RawResponse(data), let length = response.headers["content-length"].flatMap(Int.init),
               response.body.count >= length {
                return response
            }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    func close() { Glibc.close(socket) }

    static func request(_ method: String, _ path: String, key: String? = EmulatorHarness.secret, json: String? = nil,
                        extraHeaders: [String] = [], close: Bool = true) -> String {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let key { head += "Authorization: Bearer \(key)\r\n" }
        for header in extraHeaders { head += header + "\r\n" }
        if close { head += "Connection: close\r\n" }
        if let json {
            head += "Content-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n" + json
        } else {
            head += "\r\n"
        }
        return head
    }
}

/// Splits a raw HTTP response into head and body.
struct RawResponse {
    let status: Int
    let headers: [String: String]
    let body: Data

    init?(_ data: Data) {
        guard let separator = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<separator.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        self.status = status
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        body = Data(data[separator.upperBound...])
    }
}
