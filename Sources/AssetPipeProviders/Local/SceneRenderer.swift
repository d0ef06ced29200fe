import Foundation
import AssetPipeImaging

/// Paints a deterministic "generated" picture from a hash: a sky gradient, rolling hills and a
/// few shaded, anti-aliased discs. Different prompts give visibly different pictures, the same
/// prompt always the same pixels. With a transparent background only the discs are painted, on
/// real alpha.
struct SceneRenderer {
    var width: Int
    var height: Int
    var transparent: Bool

    private struct Disc {
        var x: Double, y: Double, radius: Double
        var colour: Colour
    }

    func render(_ random: inout SeededRandom) -> RasterImage {
        let baseHue = random.unit()
        let sky = (Colour(hue: baseHue, saturation: random.value(in: 0.35...0.7), value: random.value(in: 0.75...1)),
                   Colour(hue: baseHue + random.value(in: 0.08...0.3), saturation: random.value(in: 0.3...0.8), value: random.value(in: 0.35...0.7)))
        let ground = Colour(hue: baseHue + random.value(in: 0.3...0.6), saturation: random.value(in: 0.4...0.8), value: random.value(in: 0.3...0.6))
        let horizon = random.value(in: 0.55...0.8), waviness = random.value(in: 0.02...0.08), frequency = random.value(in: 1...4)
        let phase = random.value(in: 0...(2 * .pi))
        let scale = Double(min(width, height))
        let discs = (0..<(3 + Int(random.unit() * 4))).map { _ in
            Disc(x: random.value(in: 0.15...0.85) * Double(width), y: random.value(in: 0.15...0.75) * Double(height),
                 radius: random.value(in: 0.06...0.22) * scale,
                 colour: Colour(hue: baseHue + random.value(in: 0.4...0.9), saturation: random.value(in: 0.5...0.95), value: random.value(in: 0.7...1)))
        }
        let channels = transparent ? 4 : 3
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                let v = Double(y) / Double(max(height - 1, 1))
                let skyColour = sky.0.mixed(with: sky.1, v)
                for x in 0..<width {
                    let u = Double(x) / Double(max(width - 1, 1))
                    var colour = skyColour
                    var alpha = transparent ? 0.0 : 1.0
                    if !transparent {
                        let hill = horizon + waviness * sin(u * frequency * 2 * .pi + phase)
                        if v > hill { colour = ground.scaled(1 - 0.5 * (v - hill)) }
                    }
                    for disc in discs {
                        let dx = Double(x) + 0.5 - disc.x, dy = Double(y) + 0.5 - disc.y
                        let distance = (dx * dx + dy * dy).squareRoot()
                        let coverage = max(0, min(1, disc.radius - distance + 0.5))
                        guard coverage > 0 else { continue }
                        // Light from the upper left gives each disc some volume.
                        let shade = 1 - 0.45 * max(0, (dx + dy) / (2 * disc.radius) + 0.3)
                        colour = colour.mixed(with: disc.colour.scaled(shade), coverage)
                        alpha = alpha + (1 - alpha) * coverage
                    }
                    let offset = (y * width + x) * channels
                    buffer[offset] = Colour.byte(colour.r)
                    buffer[offset + 1] = Colour.byte(colour.g)
                    buffer[offset + 2] = Colour.byte(colour.b)
                    if transparent { buffer[offset + 3] = Colour.byte(alpha) }
                }
            }
        }
        return RasterImage(width: width, height: height, hasAlpha: transparent, pixels: pixels)
    }
}
