import Foundation

/// SHA-256 (FIPS 180-4). Foundation on Linux has no CryptoKit and the project takes no package
/// dependencies, yet content addressing needs a collision-resistant hash: cache keys, image
/// hashes in the lockfile, and the `local` provider's deterministic seeds.
///
/// The compression function keeps the eight working words in locals and the message schedule in
/// a stack buffer, with no array bounds or copy-on-write checks in the inner loop: a no-change
/// re-run hashes every output file, so throughput here is wall time for users.
public struct SHA256: Sendable {
    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// Bytes of an incomplete block carried to the next `update`; always fewer than 64.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update(bytes: $0) }
    }

    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Hashes `bytes` in place: full blocks straight from the caller's buffer, only a partial
    /// block is copied.
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var bytes = bytes[...]
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes.prefix(take))
            bytes = bytes.dropFirst(take)
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBytes { compress(blocks: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = bytes.count - bytes.count % 64
        if whole > 0 { compress(blocks: UnsafeRawBufferPointer(rebasing: bytes.prefix(whole))) }
        pending.append(contentsOf: bytes.dropFirst(whole))
    }

    public consuming func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { compress(blocks: $0) }
        return [h0, h1, h2, h3, h4, h5, h6, h7].flatMap { word in
            (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) }
        }
    }

    /// Lowercase hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize().hexString
    }

    public static func hex(_ string: String) -> String {
        var hasher = SHA256()
        hasher.update(string)
        return hasher.finalize().hexString
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// One of the 64 rounds, written so that eight calls with rotated arguments replace the
    /// shuffle of all eight working words per round.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
        let temp1 = h &+ s1 &+ (g ^ (e & (f ^ g))) &+ kw
        let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
        d &+= temp1
        h = temp1 &+ s0 &+ ((a & b) | (c & (a | b)))
    }

    /// Compresses every 64-byte block of `blocks`, whose count must be a multiple of 64.
    private mutating func compress(blocks: UnsafeRawBufferPointer) {
        guard let base = blocks.baseAddress else { return }
        Self.k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var (a0, b0, c0, d0, e0, f0, g0, h0) = (self.h0, h1, h2, h3, h4, h5, h6, h7)
                for offset in stride(from: 0, to: blocks.count, by: 64) {
                    let block = base + offset
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t - 15], y = w[t - 2]
                        let s0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
                        let s1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (a0, b0, c0, d0, e0, f0, g0, h0)
                    for t in stride(from: 0, to: 64, by: 8) {
                        Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                        Self.round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                        Self.round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                        Self.round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                        Self.round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                        Self.round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                        Self.round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                        Self.round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                    }
                    a0 &+= a; b0 &+= b; c0 &+= c; d0 &+= d; e0 &+= e; f0 &+= f; g0 &+= g; h0 &+= h
                }
                (self.h0, h1, h2, h3, h4, h5, h6, h7) = (a0, b0, c0, d0, e0, f0, g0, h0)
            }
        }
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}

extension Sequence<UInt8> {
    /// Lowercase hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
