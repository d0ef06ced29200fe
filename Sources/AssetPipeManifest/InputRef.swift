/// One entry of a step's `image`, `mask` or `reference_images`.
public enum InputRef: Sendable, Hashable, CustomStringConvertible {
    /// `@STEP` (index 0) or `@STEP#K`: an image produced by another step of the manifest.
    case step(id: String, index: Int)
    /// An `http(s)://` or `data:` URL, handed to the provider as written.
    case url(String)
    /// A local file, already resolved against the manifest's folder.
    case file(path: String)

    public var description: String {
        switch self {
        case let .step(id, index): return index == 0 ? "@\(id)" : "@\(id)#\(index)"
        case let .url(url): return url.hasPrefix("data:") ? "data:…" : url
        case let .file(path): return path
        }
    }

    /// The step this input depends on, if any.
    public var upstreamStepID: String? {
        if case let .step(id, _) = self { return id }
        return nil
    }
}
