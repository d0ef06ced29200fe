import Foundation

/// What a `HostileServer` does with every request: the ways a broken or malicious server (or a
/// CDN a result URL points at) can try to exhaust a client's memory or time.
public enum HostileBehaviour: Sendable {
    /// A 200 declaring `declaredLength` bytes (nil: no length, the body ends at the close) and
    /// streaming zeros as fast as the client reads them, up to `streamedLength` bytes.
    case oversizedBody(declaredLength: Int64?, streamedLength: Int64)
    /// A 200 with `Content-Encoding: gzip` whose body inflates to about 159 times its size:
    /// `compressedLength` bytes of one fixed-Huffman deflate block of zeros, generated as it is
    /// sent and never ended.
    case gzipBomb(compressedLength: Int64)
    /// A 200 declaring 1,000 bytes and sending one every `interval`.
    case trickle(interval: Duration)
    /// A chunked 200 that sends a small chunk every `interval` and never sends the last one.
    case chunkedForever(interval: Duration)
    /// `partialHead` (the start of a head that never ends), then a close.
    case closeMidHead(partialHead: String)
    /// A 302 to the path it was asked for, every time.
    case redirectLoop
    /// A 302 to `location`, whatever it is.
    case redirect(to: String)
    /// A complete, well-formed answer.
    case answer(status: Int, contentType: String, body: Data)
}
