import Foundation
import AssetPipeBasics

/// A response, serialised in full before it is sent: one `send` per response avoids the Nagle /
/// delayed-ACK stall (~40 ms per request) that a header-then-body write causes on loopback.
struct OutgoingResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> OutgoingResponse {
        OutgoingResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.serializedData())
    }

    /// The wire bytes. `declaredLength` lets the truncated-body fault promise more than it sends.
    func serialized(keepAlive: Bool, declaredLength: Int? = nil) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(declaredLength ?? body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var wire = Data(head.utf8)
        wire.append(body)
        return wire
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
