import Foundation

/// Turns a step's images into its output files: decode once per image, then resize, flatten
/// and encode per output, each file written atomically.
struct OutputWriter: Sendable {
    var outputDirectory: URL
    var cpu: CPUWork

    /// Writes every output of `step` for `images`; returns the relative paths written.
    func write(_ images: [EncodedImage], for step: Step) async throws -> [String] {
        guard !step.outputs.isEmpty else { return [] }
        var written: [String] = []
        for (index, image) in images.enumerated() {
            let outputs = try step.outputs.map { spec in
                let relative = spec.path(forIndex: index)
                return (spec, relative, try destination(for: relative))
            }
            try await cpu.run {
                let pixels = try ImageCodec.decode(image.data)
                for (spec, _, url) in outputs {
                    try AtomicFile.write(try OutputRenderer.render(pixels, as: spec), to: url)
                }
            }
            written += outputs.map(\.1)
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
