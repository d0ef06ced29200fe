import Foundation

/// A `multipart/form-data` body (RFC 7578), built in memory.
///
/// Binary-safe: file parts carry the exact bytes given, so an edit uploads what the upstream
/// step received. The boundary is random so that it cannot occur in image bytes by accident
/// (the probability is negligible with 128 random bits). Parts are kept as they are given (file
/// bytes shared, not copied) and laid out once, into a buffer of the exact size, by `encoded`.
public struct MultipartFormData: Sendable {
    public let boundary: String
    private var pieces: [Data] = []

    public init(boundary: String = "assetpipe-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()) {
        self.boundary = boundary
    }

    /// The `Content-Type` header value, naming the boundary.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// A plain text field.
    public mutating func append(field name: String, value: String) {
        appendPartHeader("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"")
        pieces.append(Data((value + "\r\n").utf8))
    }

    /// A file part. APIs reject image parts without a real image type
    /// (`unsupported mimetype ('application/octet-stream')`), so the type is required.
    public mutating func append(file name: String, filename: String, contentType: String, data: Data) {
        appendPartHeader("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"",
                         "Content-Type: \(contentType)")
        pieces.append(data)
        pieces.append(Data("\r\n".utf8))
    }

    /// The complete body, closing delimiter included.
    public var encoded: Data {
        let closing = Data("--\(boundary)--\r\n".utf8)
        var body = Data(capacity: pieces.reduce(closing.count) { $0 + $1.count })
        for piece in pieces { body.append(piece) }
        body.append(closing)
        return body
    }

    private mutating func appendPartHeader(_ lines: String...) {
        pieces.append(Data(("--\(boundary)\r\n" + lines.map { $0 + "\r\n" }.joined() + "\r\n").utf8))
    }

    /// Field names and filenames are ours (`image[]`, `image-0.png`), but stay well-formed anyway.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
