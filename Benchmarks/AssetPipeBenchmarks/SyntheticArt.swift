import Foundation
import AssetPipeImaging

/// Deterministic stand-ins for generated art: smooth gradients, soft-edged shapes and a little
/// low-frequency texture. Neither noise (which no codec compresses) nor flat colour (which every
/// codec compresses trivially), so codec timings resemble real asset packs.
enum SyntheticArt {
    private struct Blob {
        var x, y, radius: Double
        var colour: (Double, Double, Double)
    }

    private static let blobs: [Blob] = [
        Blob(x: 0.30, y: 0.35, radius: 0.22, colour: (240, 180, 60)),
        Blob(x: 0.68, y: 0.42, radius: 0.18, colour: (70, 160, 220)),
        Blob(x: 0.52, y: 0.72, radius: 0.26, colour: (200, 70, 120)),
        Blob(x: 0.18, y: 0.78, radius: 0.10, colour: (90, 210, 130)),
    ]

    /// A full-bleed illustration (RGB), or a sprite on a transparent background (RGBA).
    static func image(size: Int, alpha: Bool) -> RasterImage {
        let channels = alpha ? 4 : 3
        var pixels = [UInt8](repeating: 0, count: size * size * channels)
        for y in 0..<size {
            for x in 0..<size {
                let u = Double(x) / Double(size)
                let v = Double(y) / Double(size)
                var colour = (30 + 60 * u, 40 + 50 * v, 90 + 80 * (1 - u) * v)
                var coverage = 0.0
                for blob in blobs {
                    let distance = ((u - blob.x) * (u - blob.x) + (v - blob.y) * (v - blob.y)).squareRoot()
                    let weight = max(0, min(1, (blob.radius - distance) / 0.02 + 0.5))
                    let shade = 0.75 + 0.25 * (1 - distance / blob.radius)
                    colour.0 += (blob.colour.0 * shade - colour.0) * weight
                    colour.1 += (blob.colour.1 * shade - colour.1) * weight
                    colour.2 += (blob.colour.2 * shade - colour.2) * weight
                    coverage = max(coverage, weight)
                }
                let grain = texture(x: x, y: y)
                let offset = (y * size + x) * channels
                pixels[offset] = clamp(colour.0 + grain)
                pixels[offset + 1] = clamp(colour.1 + grain)
                pixels[offset + 2] = clamp(colour.2 + grain)
                if alpha { pixels[offset + 3] = clamp(coverage * 255) }
            }
        }
        return RasterImage(width: size, height: size, hasAlpha: alpha, pixels: pixels)
    }

    /// ±4 levels of smooth value noise on an 8-pixel lattice, like paper or brush grain.
    private static func texture(x: Int, y: Int) -> Double {
        let cellX = x / 8, cellY = y / 8
        let fx = Double(x % 8) / 8, fy = Double(y % 8) / 8
        let top = lattice(cellX, cellY) * (1 - fx) + lattice(cellX + 1, cellY) * fx
        let bottom = lattice(cellX, cellY + 1) * (1 - fx) + lattice(cellX + 1, cellY + 1) * fx
        return (top * (1 - fy) + bottom * fy) * 8 - 4
    }

    private static func lattice(_ x: Int, _ y: Int) -> Double {
        var hash = UInt32(truncatingIfNeeded: x &* 374_761_393 &+ y &* 668_265_263)
        hash = (hash ^ (hash >> 13)) &* 1_274_126_177
        return Double(hash >> 16 & 0xFF) / 255
    }

    private static func clamp(_ value: Double) -> UInt8 {
        UInt8(max(0, min(255, value.rounded())))
    }
}
