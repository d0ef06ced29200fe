import Foundation

/// The report's output files as the gallery sees them: which file to read for an output's
/// `path`, and the link to it from `index.html`. Links are relative (`../out/hero.png`), so the
/// gallery works from `file://` and keeps working when it is moved together with the outputs.
struct OutputLinks: Sendable {
    /// The report's `output_dir`, standardized.
    let root: URL
    /// `root` seen from the gallery folder, percent-encoded, ending in `/` unless empty.
    let base: String

    init(outputDirectory: String, galleryFolder: URL) throws(GalleryError) {
        guard outputDirectory.hasPrefix("/") else {
            throw .invalidReport("output_dir must be an absolute path, found '\(outputDirectory)'")
        }
        root = URL(fileURLWithPath: outputDirectory, isDirectory: true).standardizedFileURL
        let steps = Self.relativeComponents(from: galleryFolder.standardizedFileURL, to: root)
        base = steps.isEmpty ? "" : steps.map(Self.encodedSegment).joined(separator: "/") + "/"
    }

    /// The file behind an output path, or nil when the path would leave the output folder (a
    /// report is input like any other; an absolute path or `../` is never followed).
    func file(for path: String) -> URL? {
        guard !path.isEmpty, !path.hasPrefix("/") else { return nil }
        let url = root.appendingPathComponent(path).standardizedFileURL
        return url.path.hasPrefix(root.path == "/" ? "/" : root.path + "/") ? url : nil
    }

    /// The link from the gallery to an output path that `file(for:)` accepts.
    func href(for path: String) -> String {
        base + path.split(separator: "/", omittingEmptySubsequences: true).map { Self.encodedSegment(String($0)) }
            .joined(separator: "/")
    }

    /// `..` for every folder of `from` below the common ancestor, then the rest of `to`.
    static func relativeComponents(from folder: URL, to target: URL) -> [String] {
        let from = folder.pathComponents
        let to = target.pathComponents
        let common = zip(from, to).prefix { $0 == $1 }.count
        return Array(repeating: "..", count: from.count - common) + to[common...]
    }

    /// Everything but unreserved ASCII is percent-encoded: a `:` in a file name can never read
    /// as a URL scheme, nor `#` or `?` end the path.
    private static func encodedSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
