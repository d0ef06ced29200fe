import AssetPipeImaging

/// One input image of a request, resolved to something a provider can send.
public enum InputImage: Sendable, Hashable {
    /// Bytes from an upstream step or a local file.
    case encoded(EncodedImage)
    /// An `http(s)://` or `data:` URL, passed through as written.
    case url(String)
}
