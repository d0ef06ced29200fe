import Foundation
import AssetPipeBasics

/// A pseudo-random number generator seeded with a SHA-256 digest — SHA-256 in counter mode —
/// and the `local` provider's only source of "creativity": the same request always renders
/// the same pixels.
struct SeededRandom {
    private var seed: [UInt8]
    private var block: [UInt8] = []
    private var counter: UInt32 = 0

    init(seed: [UInt8]) {
        self.seed = seed
    }

    /// A uniform value in `[0, 1)`.
    mutating func unit() -> Double {
        if block.count < 4 { refill() }
        let value = block.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        block.removeFirst(4)
        return Double(value) / 4_294_967_296
    }

    /// A uniform value in `range`.
    mutating func value(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    private mutating func refill() {
        var hasher = SHA256()
        hasher.update(Data(seed))
        hasher.update(Data(withUnsafeBytes(of: counter.bigEndian, Array.init)))
        counter += 1
        block = hasher.finalize()
    }
}
