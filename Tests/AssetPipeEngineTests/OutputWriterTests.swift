import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// Outputs land inside the output folder, whatever the folder tree holds.
@Suite struct OutputWriterTests {
    @Test func aSymlinkedFolderCannotCarryAnOutputOutsideTheOutputFolder() async throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("writer-\(UUID().uuidString)")
        let output = base.appendingPathComponent("out"), elsewhere = base.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("icons"), withDestinationURL: elsewhere)
        let pixels = RasterImage(width: 4, height: 4, hasAlpha: false, pixels: [UInt8](repeating: 7, count: 48))
        let image = try EncodedImage(validating: ImageCodec.encode(pixels, .png(compressionLevel: 1)))
        let writer = OutputWriter(outputDirectory: output, blocking: BlockingExecutor(width: 1), storage: DiskStorage())
        let inside = OutputTarget(index: 0, spec: OutputSpec(path: "ok/a.png", format: .png), path: "ok/a.png")
        #expect(try await writer.write([inside], from: [image]).keys.sorted() == ["ok/a.png"])
        for path in ["icons/a.png", "icons/deeper/a.png"] {
            let escaping = OutputTarget(index: 0, spec: OutputSpec(path: path, format: .png), path: path)
            await #expect(throws: OutputPathError.self) { _ = try await writer.write([escaping], from: [image]) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func anOutputFolderThatCannotBeCreatedNamesTheFolderAndTheErrno() async throws {
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try AtomicFile.write(Data("a file".utf8), to: output.appendingPathComponent("icons"))
        let pixels = RasterImage(width: 4, height: 4, hasAlpha: false, pixels: [UInt8](repeating: 7, count: 48))
        let image = try EncodedImage(validating: ImageCodec.encode(pixels, .png(compressionLevel: 1)))
        let writer = OutputWriter(outputDirectory: output, blocking: BlockingExecutor(width: 1), storage: DiskStorage())
        let blocked = OutputTarget(index: 0, spec: OutputSpec(path: "icons/a.png", format: .png), path: "icons/a.png")
        let error = await #expect(throws: FileError.self) { _ = try await writer.write([blocked], from: [image]) }
        #expect(error?.description == "\(output.appendingPathComponent("icons").path): cannot create folder: Not a directory (ENOTDIR)")
    }
}
