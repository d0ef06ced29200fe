import Foundation
import AssetPipeBasics
import AssetPipeImaging
import AssetPipeCache

/// Turns a step's images into its output files: decode once per image, then resize, flatten
/// and encode per output, each file written atomically through `storage` — all of it on the
/// blocking-work executor, since codecs, folder creation and fsync all block.
struct OutputWriter: Sendable {
    var outputDirectory: URL
    var blocking: BlockingExecutor
    var storage: any FileStorage

    /// Writes `targets` (all of the step's outputs, or the stale ones) from `images`; returns
    /// what the lockfile records for each file written.
    func write(_ targets: [OutputTarget], from images: [EncodedImage]) async throws -> [String: LockedOutput] {
        var written: [String: LockedOutput] = [:]
        for (index, image) in images.enumerated() {
            let mine = try targets.filter { $0.index == index }.map { ($0, try destination(for: $0.path)) }
            guard !mine.isEmpty else { continue }
            let hashes = try await blocking.run { [self] in
                try mine.forEach { try prepareFolder(of: $0.1) }
                let pixels = try ImageCodec.decode(image.data)
                return try mine.map { target, url in
                    let data = try OutputRenderer.render(pixels, target.spec.renderSettings)
                    try storage.write(data, to: url)
                    let header = try? ImageCodec.header(of: data)
                    return (target.path, LockedOutput(sha256: SHA256.hex(data), settings: target.settings, bytes: data.count,
                                                      width: header?.width, height: header?.height))
                }
            }
            written.merge(hashes, uniquingKeysWith: { _, new in new })
        }
        return written
    }

    /// The file URL for a relative output path, refusing anything that would land outside the
    /// output folder (validation already rejects such paths; this guards every write).
    func destination(for relative: String) throws(OutputPathError) -> URL {
        let root = outputDirectory.standardizedFileURL
        let url = root.appendingPathComponent(relative).standardizedFileURL
        guard !relative.hasPrefix("/"), url.path.hasPrefix(root.path + "/") else { throw OutputPathError(path: relative) }
        return url
    }

    /// Creates the folder `url` lands in, refusing to follow a symlinked folder out of the
    /// output folder: what exists is resolved before anything is created, the result after.
    private func prepareFolder(of url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var existing = folder
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            existing.deleteLastPathComponent()
        }
        let relative = String(url.path.dropFirst(outputDirectory.standardizedFileURL.path.count + 1))
        try requireInsideOutputFolder(existing, path: relative)
        try AtomicFile.createFolder(folder)
        try requireInsideOutputFolder(folder, path: relative)
    }

    private func requireInsideOutputFolder(_ folder: URL, path: String) throws(OutputPathError) {
        let root = outputDirectory.standardizedFileURL
        // Folders above the output folder (it may not exist yet) are the user's business.
        guard folder.path.count > root.path.count else { return }
        let resolvedRoot = root.resolvingSymlinksInPath().path
        let resolved = folder.resolvingSymlinksInPath().path
        guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
            throw OutputPathError(path: path, reason: "a symbolic link leads outside the output folder")
        }
    }
}

struct OutputPathError: Error, Sendable, CustomStringConvertible {
    var path: String
    var reason = "it is outside the output folder"
    var description: String { "output path '\(path)' refused: \(reason)" }
}
