import Foundation

/// Precomputed Lanczos-3 weights for resampling one axis from `sourceCount` to `targetCount`
/// samples: for every output sample, the first source index and a window of normalised weights.
///
/// Computing them once per axis (not per pixel) is what makes the separable resize cheap. When
/// shrinking, the kernel is stretched by the scale factor so it averages every source pixel it
/// covers (no aliasing). At the edges, taps that fall outside the image are dropped and the rest
/// renormalised: unlike clamping, this gives the border pixel no extra weight, and unlike
/// mirroring, it cannot invent detail when enlarging tiny images.
struct ResamplingWeights {
    /// First source index of each output sample's window.
    let starts: [Int]
    /// Number of meaningful weights in each window.
    let counts: [Int]
    /// `targetCount` windows of `stride` weights each.
    let weights: [Float]
    let stride: Int

    private static let lobes = 3.0

    init(sourceCount: Int, targetCount: Int) {
        let scale = Double(targetCount) / Double(sourceCount)
        let kernelScale = min(scale, 1)
        let support = Self.lobes / kernelScale
        let windows = (0..<targetCount).map { target in
            Self.window(center: (Double(target) + 0.5) / scale, support: support, kernelScale: kernelScale,
                        sourceCount: sourceCount)
        }
        let stride = windows.map(\.weights.count).max() ?? 0
        var weights = [Float](repeating: 0, count: stride * targetCount)
        for (index, window) in windows.enumerated() {
            weights.replaceSubrange(index * stride..<index * stride + window.weights.count, with: window.weights)
        }
        self.starts = windows.map(\.start)
        self.counts = windows.map(\.weights.count)
        self.weights = weights
        self.stride = stride
    }

    /// The taps around `center` (in source pixel units, pixel centres at i + 0.5) that lie inside
    /// the image, normalised to sum 1.
    private static func window(center: Double, support: Double, kernelScale: Double,
                               sourceCount: Int) -> (start: Int, weights: [Float]) {
        let first = Int((center - support).rounded(.down))
        let last = Int((center + support).rounded(.up))
        let taps = max(first, 0)...min(last, sourceCount - 1)
        let raw = taps.map { lanczos((Double($0) + 0.5 - center) * kernelScale) }
        let total = raw.reduce(0, +)
        return (taps.lowerBound, raw.map { Float($0 / total) })
    }

    private static func lanczos(_ x: Double) -> Double {
        if x == 0 { return 1 }
        guard abs(x) < lobes else { return 0 }
        let piX = Double.pi * x
        return lobes * sin(piX) * sin(piX / lobes) / (piX * piX)
    }
}
