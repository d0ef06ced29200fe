import Foundation

/// Median wall-clock timings, shared by every benchmark section.
enum Timing {
    /// Milliseconds one call of `body` takes, as the median of `iterations` runs after one warm-up.
    static func medianMilliseconds(iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var samples: [Double] = []
        for _ in 0..<iterations { samples.append(try milliseconds(body)) }
        return median(samples)
    }

    /// `medianMilliseconds` for work that awaits.
    static func medianMilliseconds(iterations: Int, _ body: () async throws -> Void) async rethrows -> Double {
        try await body()
        var samples: [Double] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        return median(samples)
    }

    /// Medians for two implementations of the same work, run alternately so that machine-wide
    /// drift (other processes, CPU frequency) affects both equally.
    static func pairedMedianMilliseconds(iterations: Int, _ first: () throws -> Void,
                                         _ second: () throws -> Void) rethrows -> (Double, Double) {
        try first()
        try second()
        var firstSamples: [Double] = []
        var secondSamples: [Double] = []
        for _ in 0..<iterations {
            firstSamples.append(try milliseconds(first))
            secondSamples.append(try milliseconds(second))
        }
        return (median(firstSamples), median(secondSamples))
    }

    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    private static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
