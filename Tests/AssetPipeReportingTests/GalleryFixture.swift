import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeReporting

/// A run's output folder with real image files, the report that describes it, and a folder
/// for the gallery, all in a fresh temporary folder that goes away with the fixture.
final class GalleryFixture: Sendable {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("assetpipe-gallery-\(UUID().uuidString)")
    var outputs: URL { root.appendingPathComponent("out") }
    var gallery: URL { root.appendingPathComponent("gallery") }

    init() {
        try? FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes an image file into the output folder and returns the report's entry for it.
    @discardableResult
    func writeImage(_ path: String, width: Int, height: Int, alpha: Bool = false, shade: UInt8 = 0,
                    as encoding: EncodeSettings = .png(compressionLevel: 1)) throws -> ReportDocument.OutputEntry {
        var image = Self.gradient(width: width, height: height, alpha: alpha, shade: shade)
        if encoding.format == .jpeg { image = image.flattened(onto: .white) }
        let data = try ImageCodec.encode(image, encoding)
        try write(data, to: path)
        return ReportDocument.OutputEntry(path: path, format: encoding.format.rawValue, written: true, width: width,
                                          height: height, bytes: data.count, sha256: SHA256.hex(data))
    }

    func write(_ data: Data, to path: String) throws {
        let url = outputs.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func build(_ report: ReportDocument, storage: any FileStorage = DiskStorage()) async throws -> (GallerySummary, String) {
        let summary = try await GalleryBuilder(storage: storage, maxConcurrentThumbnails: 3).build(report, into: gallery)
        return (summary, String(decoding: try Data(contentsOf: summary.index), as: UTF8.self))
    }

    /// The file a gallery-relative link points at.
    func galleryFile(_ link: String) -> URL {
        URL(fileURLWithPath: gallery.appendingPathComponent(link.removingPercentEncoding ?? link).path).standardizedFileURL
    }

    func report(_ steps: [ReportDocument.StepEntry], result: ReportDocument.RunResult = .failed) -> ReportDocument {
        ReportDocument(
            assetpipeVersion: "0.1.0", manifest: "pack.json", manifestSha256: String(repeating: "a", count: 64),
            outputDir: outputs.path, startedAt: "2026-12-01T23:40:00Z", seconds: 3.25, result: result,
            totals: .init(steps: steps.count, generated: 3, cached: 1, outputsRerendered: 1, failed: 1, skipped: 1,
                          interrupted: 0, requests: 6, images: 6, filesWritten: 5, bytesWritten: 123_456, spent: 0.168,
                          savedByCache: 0.084, estimatedRemaining: 0),
            steps: steps)
    }

    static func step(_ id: String, _ status: ReportDocument.StepStatus, prompt: String = "a prompt", model: String? = "opper:gpt-image-1",
                     reason: String? = nil, inputs: [ReportDocument.InputEntry] = [], cost: Double? = nil,
                     outputs: [ReportDocument.OutputEntry] = []) -> ReportDocument.StepEntry {
        ReportDocument.StepEntry(id: id, status: status, reason: reason, prompt: prompt, operation: inputs.isEmpty ? "generate" : "edit",
                                 model: model, size: "1024x1024", inputs: inputs, requests: 1, seconds: 0.4, cost: cost,
                                 attempts: [], fallbacks: [], outputs: outputs, images: [], notes: [], revisedPrompts: [])
    }

    /// Diagonal gradients, different per `shade`, with a real alpha ramp when `alpha`.
    static func gradient(width: Int, height: Int, alpha: Bool, shade: UInt8) -> RasterImage {
        let channels = alpha ? 4 : 3
        var pixels = [UInt8](repeating: shade, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let start = (y * width + x) * channels
                pixels[start] = UInt8(x * 255 / max(width - 1, 1))
                pixels[start + 1] = UInt8(y * 255 / max(height - 1, 1))
                if alpha { pixels[start + 3] = pixels[start] }
            }
        }
        return RasterImage(width: width, height: height, hasAlpha: alpha, pixels: pixels)
    }
}
