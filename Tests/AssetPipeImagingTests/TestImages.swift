import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

/// Small deterministic images for codec and resize specifications.
enum TestImages {
    /// Smooth diagonal gradients (what lossy codecs handle well), optionally with an alpha ramp
    /// that includes fully transparent and fully opaque pixels.
    static func gradient(width: Int = 64, height: Int = 48, alpha: Bool) -> RasterImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * (alpha ? 4 : 3))
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)),
                           UInt8((x + y) * 255 / max(width + height - 2, 1))]
                if alpha { pixels.append(x < 8 ? 0 : UInt8(min(255, (x - 8) * 255 / max(width / 2, 1)))) }
            }
        }
        return RasterImage(width: width, height: height, hasAlpha: alpha, pixels: pixels)
    }

    static func solid(width: Int, height: Int, _ rgba: [UInt8]) -> RasterImage {
        RasterImage(width: width, height: height, hasAlpha: rgba.count == 4,
                    pixels: Array((0..<width * height).map { _ in rgba }.joined()))
    }

    /// Alternating black and white pixels: the worst case for aliasing.
    static func checkerboard(size: Int) -> RasterImage {
        let pixels = (0..<size * size).flatMap { index -> [UInt8] in
            let value: UInt8 = (index / size + index % size) % 2 == 0 ? 0 : 255
            return [value, value, value]
        }
        return RasterImage(width: size, height: size, hasAlpha: false, pixels: pixels)
    }

    static func pixel(_ image: RasterImage, x: Int, y: Int) -> [UInt8] {
        let start = (y * image.width + x) * image.channels
        return Array(image.pixels[start..<start + image.channels])
    }

    /// Mean absolute difference per sample, for lossy round trips.
    static func meanError(_ a: RasterImage, _ b: RasterImage) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.pixels.count)
    }
}
