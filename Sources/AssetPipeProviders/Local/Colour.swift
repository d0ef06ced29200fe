/// Linear-ish RGB in 0...1 for blending; converted to bytes only when a pixel is stored.
struct Colour {
    var r: Double
    var g: Double
    var b: Double

    /// From hue (0..<1), saturation and value.
    init(hue: Double, saturation: Double, value: Double) {
        let h = (hue - hue.rounded(.down)) * 6
        let sector = Int(h) % 6
        let f = h - Double(Int(h))
        let p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f))
        switch sector {
        case 0: (r, g, b) = (value, t, p)
        case 1: (r, g, b) = (q, value, p)
        case 2: (r, g, b) = (p, value, t)
        case 3: (r, g, b) = (p, q, value)
        case 4: (r, g, b) = (t, p, value)
        default: (r, g, b) = (value, p, q)
        }
    }

    init(r: Double, g: Double, b: Double) {
        (self.r, self.g, self.b) = (r, g, b)
    }

    /// `self` moved towards `other` by `amount` (0 keeps self, 1 gives other).
    func mixed(with other: Colour, _ amount: Double) -> Colour {
        Colour(r: r + (other.r - r) * amount, g: g + (other.g - g) * amount, b: b + (other.b - b) * amount)
    }

    func scaled(_ factor: Double) -> Colour { Colour(r: r * factor, g: g * factor, b: b * factor) }

    static func byte(_ value: Double) -> UInt8 { UInt8(max(0, min(255, (value * 255).rounded()))) }
}
