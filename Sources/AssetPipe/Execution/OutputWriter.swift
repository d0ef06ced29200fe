import Foundation

/// Turns a step's images into its output files: decode once per image, then resize, flatten
/// and encode per output, each file written atomically.
struct OutputWriter: Sendable {
    var outputDirectory: URL
    var cpu: CPUWork

    /// Writes `targets` (all of the step's outputs, or the stale ones) from `images`; returns
    /// what the lockfile records for each file written.
    func write(_ targets: [OutputTarget], from images: [EncodedImage]) async throws -> [String: LockedOutput] {
        var written: [String: LockedOutput] = [:]
        for (index, image) in images.enumerated() {
            let mine = try targets.filter { $0.index == index }.map { ($0, try destination(for: $0.path)) }
            guard !mine.isEmpty else { continue }
            let hashes = try await cpu.run {
                let pixels = try ImageCodec.decode(image.data)
                return try mine.map { target, url in
                    let data = try OutputRenderer.render(pixels, as: target.spec)
                    try AtomicFile.write(data, to: url)
                    return (target.path, LockedOutput(sha256: SHA256.hex(data), settings: target.settings))
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
}

struct OutputPathError: Error, Sendable, CustomStringConvertible {
    var path: String
    var description: String { "output path '\(path)' is outside the output folder" }
}
