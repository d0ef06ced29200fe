import AssetPipeImaging

/// What the gallery shows for one output file: its thumbnail, or why there is none.
enum OutputPreview: Sendable, Equatable {
    case thumbnail(Thumbnail)
    /// The file is missing, unreadable, not an image, or outside the output folder.
    case unavailable(reason: String)
}

/// A thumbnail in the gallery folder and what was learnt about the file it shows.
struct Thumbnail: Sendable, Equatable {
    /// Relative to the gallery folder, e.g. `thumbnails/3fa9…-320.webp`.
    var path: String
    var width: Int
    var height: Int
    /// The output file's format and size in pixels, read from its header.
    var source: ImageHeader
    var sourceBytes: Int
}

extension OutputPreview {
    var thumbnailPath: String? {
        if case let .thumbnail(thumbnail) = self { thumbnail.path } else { nil }
    }
}
