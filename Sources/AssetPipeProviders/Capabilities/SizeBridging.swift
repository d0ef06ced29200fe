import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// Conversions between pixel sizes and aspect ratios, for models that take the other one.
enum SizeBridging {
    /// `1024x1536` → 1024×1536; nil for `auto` or anything malformed.
    static func size(_ text: String) -> PixelSize? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0 else { return nil }
        return PixelSize(width: width, height: height)
    }

    /// `3:2` → 1.5.
    static func ratio(_ text: String) -> Double? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let width = Double(parts[0]), let height = Double(parts[1]), width > 0, height > 0 else { return nil }
        return width / height
    }

    /// The ratio closest to `size` among `choices`, or `size` reduced (`1536x1024` → `3:2`) when
    /// the model lists none.
    static func aspectRatio(for size: PixelSize, among choices: [String]?) -> String {
        let target = Double(size.width) / Double(size.height)
        if let best = choices?.min(by: { distance(ratio($0), target) < distance(ratio($1), target) }) { return best }
        let divisor = gcd(size.width, size.height)
        return "\(size.width / divisor):\(size.height / divisor)"
    }

    /// The closest accepted ratio to `text`.
    static func nearestAspectRatio(to text: String, among choices: [String]) -> String? {
        guard let target = ratio(text) else { return nil }
        return choices.min { distance(ratio($0), target) < distance(ratio($1), target) }
    }

    /// The accepted size whose shape is closest to `ratio`: from the model's list, or built from
    /// its rule at about one megapixel.
    static func size(forRatio target: Double, capabilities: ModelCapabilities) -> PixelSize? {
        let listed = (capabilities.sizes ?? []).compactMap(size)
        if let best = listed.min(by: { distance(shape($0), target) < distance(shape($1), target) }) { return best }
        guard let rule = capabilities.sizeRule else { return nil }
        let limit = rule.maxAspectRatio ?? 3
        let clamped = min(max(target, 1 / limit), limit)
        let step = Double(max(rule.multipleOf ?? 16, 1))
        let width = (sqrt(1_048_576 * clamped) / step).rounded() * step
        let height = (sqrt(1_048_576 / clamped) / step).rounded() * step
        guard let side = Int(exactly: width), let otherSide = Int(exactly: height) else { return nil }
        let candidate = PixelSize(width: side, height: otherSide)
        return rule.accepts(candidate) ? candidate : nil
    }

    static func shape(_ size: PixelSize) -> Double { Double(size.width) / Double(size.height) }

    /// Ratios compare on a log scale so that 2:1 and 1:2 are equally far from 1:1.
    private static func distance(_ ratio: Double?, _ target: Double) -> Double {
        guard let ratio else { return .infinity }
        return abs(log(ratio) - log(target))
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? max(a, 1) : gcd(b, a % b)
    }
}
