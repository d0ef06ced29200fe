import Foundation

/// A gzip stream of zeros that never ends, produced a piece at a time so a test can send
/// gigabytes of inflated size without holding them: a gzip header, then one fixed-Huffman
/// deflate block of a literal zero followed by (length 258, distance 1) matches. Each match is
/// 13 bits, so 8 of them are a 13-byte pattern that inflates to 2,064 zeros (about 159:1).
/// The block is never closed, as a bomb need not be: the client inflates as it reads.
public enum GzipZeros {
    /// The gzip header (deflate, no name, no time, Unix) and the block's first 24 bits: its
    /// header, the literal zero and one match, which bring the bit stream to a byte boundary.
    public static let prelude = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x62, 0x18, 0x05])
    /// Eight more matches, repeatable forever.
    public static let pattern = Data([0xA3, 0x60, 0x14, 0x8C, 0x82, 0x51, 0x30, 0x0A, 0x46, 0xC1, 0x28, 0x18, 0x05])
    /// What the prelude inflates to, and each pattern after it.
    public static let preludeInflated = 259
    public static let patternInflated = 2064

    /// About `length` bytes of the stream after the prelude: whole patterns, at least one.
    public static func patterns(length: Int) -> Data {
        let count = max(1, length / pattern.count)
        var data = Data(capacity: count * pattern.count)
        for _ in 0..<count { data.append(pattern) }
        return data
    }
}
