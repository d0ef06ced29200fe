import AssetPipeBasics

/// Why no gallery was written. Problems with the report's output files are not among them:
/// a missing or unreadable image gets a placeholder saying why, and the gallery is still built.
public enum GalleryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The report cannot be shown as it is (it names no absolute output folder, say).
    case invalidReport(String)
    /// The gallery folder, a thumbnail or `index.html` could not be written.
    case cannotWrite(FileError)
    /// The task building it was cancelled (Ctrl-C).
    case interrupted

    public var description: String {
        switch self {
        case let .invalidReport(problem): "the report cannot be shown: \(problem)"
        case let .cannotWrite(error): "the gallery was not written: \(error)"
        case .interrupted: "the gallery was not written: interrupted"
        }
    }
}
