import AssetPipeImaging
/// Derives an edited picture from an input, deterministically: the prompt's hash picks a tint
/// and a new disc painted over the input, so the result is visibly the input, changed. Where a
/// mask is given only its transparent pixels change, as with the OpenAI edits API.
struct EditRenderer {
    var base: RasterImage
    var mask: RasterImage?
    /// Average colours of reference images, blended into the tint.
    var references: [Colour]
    /// Variations mirror the input instead of painting over it.
    var mirror: Bool

    func render(_ random: inout SeededRandom) -> RasterImage {
        var tint = Colour(hue: random.unit(), saturation: random.value(in: 0.5...0.9), value: random.value(in: 0.6...1))
        for reference in references { tint = tint.mixed(with: reference, 0.5) }
        let strength = random.value(in: 0.25...0.45)
        let disc = (x: random.value(in: 0.2...0.8) * Double(base.width), y: random.value(in: 0.2...0.8) * Double(base.height),
                    radius: random.value(in: 0.08...0.2) * Double(min(base.width, base.height)))
        let channels = base.channels
        var pixels = base.pixels
        for y in 0..<base.height {
            for x in 0..<base.width {
                guard isEditable(x: x, y: y) else { continue }
                let source = ((y * base.width) + (mirror ? base.width - 1 - x : x)) * channels
                let offset = (y * base.width + x) * channels
                var colour = Colour(r: Double(base.pixels[source]) / 255, g: Double(base.pixels[source + 1]) / 255,
                                    b: Double(base.pixels[source + 2]) / 255).mixed(with: tint, strength)
                let dx = Double(x) + 0.5 - disc.x, dy = Double(y) + 0.5 - disc.y
                let coverage = max(0, min(1, disc.radius - (dx * dx + dy * dy).squareRoot() + 0.5))
                if !mirror { colour = colour.mixed(with: tint.scaled(0.8), coverage) }
                pixels[offset] = Colour.byte(colour.r)
                pixels[offset + 1] = Colour.byte(colour.g)
                pixels[offset + 2] = Colour.byte(colour.b)
                if base.hasAlpha {
                    let alpha = Double(base.pixels[source + 3]) / 255
                    pixels[offset + 3] = Colour.byte(mirror ? alpha : alpha + (1 - alpha) * coverage)
                }
            }
        }
        return RasterImage(width: base.width, height: base.height, hasAlpha: base.hasAlpha, pixels: pixels)
    }

    /// Without a mask everything may change; with one, only where its alpha is zero.
    private func isEditable(x: Int, y: Int) -> Bool {
        guard let mask else { return true }
        guard mask.hasAlpha else { return false }
        return mask.pixels[(y * mask.width + x) * 4 + 3] == 0
    }

    /// The mean colour of an image, for reference images.
    static func averageColour(of image: RasterImage) -> Colour {
        var sums = (0.0, 0.0, 0.0)
        let count = image.width * image.height
        for index in 0..<count {
            let offset = index * image.channels
            sums.0 += Double(image.pixels[offset])
            sums.1 += Double(image.pixels[offset + 1])
            sums.2 += Double(image.pixels[offset + 2])
        }
        let scale = 255 * Double(max(count, 1))
        return Colour(r: sums.0 / scale, g: sums.1 / scale, b: sums.2 / scale)
    }
}
