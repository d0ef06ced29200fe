import CCodecBaseline
import Foundation
import AssetPipeBasics
import AssetPipeImaging

/// Codec throughput through AssetPipe's Swift API against the same libraries called directly
/// from C with the same settings. The target is a ratio of at most 1.15 on every row.
enum CodecBenchmark {
    static let size = 1024

    private struct Row {
        var operation: String
        var iterations: Int
        var swift: () throws -> Int
        var c: () -> Int
    }

    static func run() throws {
        print("## Codecs: \(size)x\(size) synthetic art, median ms per image (Swift API vs direct C)")
        print("| image | operation | Swift ms | C ms | ratio | bytes (Swift / C) |")
        print("| --- | --- | ---: | ---: | ---: | --- |")
        for alpha in [false, true] {
            let image = SyntheticArt.image(size: size, alpha: alpha)
            for row in try rows(for: image) {
                var sizes = (0, 0)
                let (swift, c) = try Timing.pairedMedianMilliseconds(
                    iterations: row.iterations, { sizes.0 = try row.swift() }, { sizes.1 = row.c() })
                let ratio = String(format: "%.2f", swift / c) + (swift / c > 1.15 ? " ✗" : "")
                print("| \(alpha ? "RGBA" : "RGB") | \(row.operation) | \(format(swift)) | \(format(c)) | \(ratio) | \(sizes.0) / \(sizes.1) |")
            }
        }
        print("")
        print("| image | Swift only | ms |")
        print("| --- | --- | ---: |")
        for alpha in [false, true] {
            let image = SyntheticArt.image(size: size, alpha: alpha)
            for side in [512, 256] {
                let box = PixelSize(width: side, height: side)
                let milliseconds = Timing.medianMilliseconds(iterations: 5) { _ = image.resized(toFit: box) }
                print("| \(alpha ? "RGBA" : "RGB") | Lanczos-3 resize to \(side)x\(side) | \(format(milliseconds)) |")
            }
        }
    }

    private static func rows(for image: RasterImage) throws -> [Row] {
        let png = try ImageCodec.encode(image, .png(compressionLevel: 6))
        let opaque = image.flattened(onto: .white)
        let width = UInt32(image.width), height = UInt32(image.height), channels = UInt32(image.channels)
        return [
            Row(operation: "png decode", iterations: 9,
                swift: { try ImageCodec.decode(png).pixels.count },
                c: { png.withUnsafeBytes { baseline_png_decode($0.bindMemory(to: UInt8.self).baseAddress, $0.count) } }),
            Row(operation: "png encode (level 6)", iterations: 3,
                swift: { try ImageCodec.encode(image, .png(compressionLevel: 6)).count },
                c: { image.pixels.withUnsafeBufferPointer { baseline_png_encode($0.baseAddress, width, height, channels, 6) } }),
            Row(operation: image.hasAlpha ? "jpeg encode q85 (flattened)" : "jpeg encode q85", iterations: 9,
                swift: { try ImageCodec.encode(opaque, .jpeg(quality: 85)).count },
                c: { opaque.pixels.withUnsafeBufferPointer { baseline_jpeg_encode($0.baseAddress, width, height, 85) } }),
            Row(operation: "webp lossy q80", iterations: 5,
                swift: { try ImageCodec.encode(image, .webp(quality: 80)).count },
                c: { image.pixels.withUnsafeBufferPointer { baseline_webp_encode($0.baseAddress, width, height, channels, 0, 80) } }),
            Row(operation: "webp lossless", iterations: 3,
                swift: { try ImageCodec.encode(image, .webpLossless).count },
                c: { image.pixels.withUnsafeBufferPointer { baseline_webp_encode($0.baseAddress, width, height, channels, 1, 0) } }),
        ]
    }

    private static func format(_ milliseconds: Double) -> String {
        String(format: "%.1f", milliseconds)
    }
}
