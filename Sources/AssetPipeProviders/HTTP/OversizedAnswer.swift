import Foundation

/// The refusal of an answer larger than its request's `maxResponseBytes`, worded alike whether a
/// transport cut the body off while it streamed or `ProviderHTTPClient` caught it afterwards.
///
/// Permanent: a server that sends gigabytes (or inflates a small body into them) would do so
/// again, and every retry would hold the cap's worth of memory for nothing.
enum OversizedAnswer {
    /// The whole size is known: the `Content-Length` declared, or a body already buffered.
    static func error(from url: URL, size: Int, limit: Int, status: Int?) -> ProviderError {
        ProviderError(.unusableResponse,
                      "the answer from \(url.host ?? "the server") is \(size) bytes, more than the \(limit) accepted",
                      httpStatus: status, permanent: true)
    }

    /// The body was still arriving when it passed the limit (no length declared, a length that
    /// lied, or a `Content-Encoding` that inflated it): cut off there.
    static func cutOff(from url: URL, received: Int, limit: Int, status: Int?) -> ProviderError {
        ProviderError(.unusableResponse,
                      "the answer from \(url.host ?? "the server") passed the \(limit) bytes accepted; "
                          + "it was cut off after \(received) bytes",
                      httpStatus: status, permanent: true)
    }

    /// The body came in more pieces than its cap allows (each counts as `Transfer.leastPieceCost` bytes at least): a flood of
    /// tiny chunks, which costs memory by their number rather than their bytes.
    static func flood(from url: URL, pieces: Int, received: Int, status: Int?) -> ProviderError {
        ProviderError(.unusableResponse,
                      "the answer from \(url.host ?? "the server") came in more than \(pieces - 1) pieces "
                          + "(\(received) bytes so far); it was cut off as a flood",
                      httpStatus: status, permanent: true)
    }
}
