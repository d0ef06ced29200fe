import Foundation

/// The error page of a gateway that quotes the request it refused: its request line, query
/// included, and its `Authorization` header — the worst a client can meet when it turns error
/// bodies into messages. The page is not JSON, and for a request to `/v1/images/generations` the
/// key straddles its 200th byte, so a client that cuts an excerpt there cuts through the key.
enum EchoedRequest {
    static func response(status: Int, to request: IncomingRequest) -> OutgoingResponse {
        let page = """
            <html><head><title>\(status) Request refused</title></head><body><h1>\(status) Request refused</h1>\
            <p>The gateway refused this request.</p>\
            <pre>\(request.method) \(request.target)
            Authorization: \(request.header("Authorization") ?? "(none)")</pre></body></html>
            """
        return OutgoingResponse(status: status, headers: [("Content-Type", "text/html")], body: Data(page.utf8))
    }
}
