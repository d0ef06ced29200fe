import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

/// Hand-assembled image files: PNG variants our encoder never writes, and headers that declare
/// absurd sizes without carrying the pixels.
enum HandmadeFiles {
    /// A PNG with arbitrary IHDR fields and raw (already filtered) scanlines, compressed with
    /// stored deflate blocks so no zlib is needed.
    static func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]],
                    extraChunks: [(String, [UInt8])] = []) -> Data {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [bitDepth, colorType, 0, 0, 0])
        for (type, payload) in extraChunks { file += chunk(type, payload) }
        file += chunk("IDAT", zlibStored(rows.flatMap { [0] + $0 }))
        file += chunk("IEND", [])
        return Data(file)
    }

    /// Only the signature and an IHDR declaring `width` x `height`.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0])
        file += chunk("IDAT", zlibStored([0, 0, 0, 0]))
        return Data(file)
    }

    /// SOI, a baseline SOF0 declaring `width` x `height` with three components, and an SOS.
    static func jpegHeader(width: UInt16, height: UInt16) -> Data {
        var file: [UInt8] = [0xFF, 0xD8]
        file += [0xFF, 0xC0, 0x00, 0x11, 0x08] + bigEndian16(height) + bigEndian16(width)
        file += [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00]
        file += [0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]
        return Data(file)
    }

    /// A RIFF/WEBP container with only a VP8X chunk declaring a `width` x `height` canvas.
    static func webpVP8XHeader(width: UInt32, height: UInt32) -> Data {
        let vp8x: [UInt8] = [0, 0, 0, 0] + littleEndian24(width - 1) + littleEndian24(height - 1)
        let body = Array("WEBP".utf8) + Array("VP8X".utf8) + littleEndian32(UInt32(vp8x.count)) + vp8x
        return Data(Array("RIFF".utf8) + littleEndian32(UInt32(body.count)) + body)
    }

    /// An 8x8 progressive JPEG of `components` mid-grey components whose scans follow the
    /// longest progression the standard allows: for each component, a DC scan at point transform
    /// 13 and its 13 refinements, then each of the 63 AC coefficients alone, first at 13 and then
    /// refined down to 0 — 896 valid scans a component. Every block is zero, so each scan's data
    /// is one Huffman code (DC difference 0, or EOB) or one correction bit, padded: `0x7F`.
    static func progressiveJPEG(components: Int) -> Data {
        var file: [UInt8] = [0xFF, 0xD8]
        file += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        file += [0xFF, 0xC2] + bigEndian16(UInt16(8 + 3 * components)) + [0x08, 0x00, 0x08, 0x00, 0x08, UInt8(components)]
        for id in 1...components { file += [UInt8(id), 0x11, 0x00] }
        let oneSymbolTable = [0x01] + [UInt8](repeating: 0, count: 15) + [0x00]
        file += [0xFF, 0xC4, 0x00, 0x26, 0x00] + oneSymbolTable + [0x10] + oneSymbolTable
        func scan(_ component: Int, _ first: UInt8, _ last: UInt8, high: UInt8, low: UInt8) {
            file += [0xFF, 0xDA, 0x00, 0x08, 0x01, UInt8(component), 0x00, first, last, high << 4 | low, 0x7F]
        }
        for component in 1...components {
            scan(component, 0, 0, high: 0, low: 13)
            for bit in (0..<13).reversed() { scan(component, 0, 0, high: UInt8(bit + 1), low: UInt8(bit)) }
            for coefficient in 1...UInt8(63) {
                scan(component, coefficient, coefficient, high: 0, low: 13)
                for bit in (0..<13).reversed() { scan(component, coefficient, coefficient, high: UInt8(bit + 1), low: UInt8(bit)) }
            }
        }
        return Data(file + [0xFF, 0xD9])
    }

    /// A valid 1x1 PNG followed by the head of a `type` chunk declaring `declaredLength` bytes and
    /// the first `present` of them: what a server streaming a 2 GB zTXt sends before it is cut off.
    static func pngWithHugeChunk(_ type: String, declaredLength: UInt32, present: Int) -> Data {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", bigEndian(1) + bigEndian(1) + [8, 2, 0, 0, 0])
        file += bigEndian(declaredLength) + Array(type.utf8) + Array("Comment".utf8) + [0, 0]
        return Data(file) + Data(count: present)
    }

    /// A 1x1 PNG carrying a `zTXt` chunk whose compressed text would inflate to about `inflated`
    /// bytes of zeros (an endless fixed-Huffman deflate block of (258, 1) matches).
    static func pngWithZTXtBomb(inflated: Int) -> Data {
        let pattern: [UInt8] = [0xA3, 0x60, 0x14, 0x8C, 0x82, 0x51, 0x30, 0x0A, 0x46, 0xC1, 0x28, 0x18, 0x05]
        let bomb = [0x78, 0x01, 0x62, 0x18, 0x05] + Array([[UInt8]](repeating: pattern, count: inflated / 2064).joined())
        return png(width: 1, height: 1, bitDepth: 8, colorType: 2, rows: [[200, 100, 50]],
                   extraChunks: [("zTXt", Array("Comment".utf8) + [0, 0] + bomb)])
    }

    /// A VP8X WebP container whose flags say it is an animation.
    static func animatedWebPHeader(width: UInt32, height: UInt32) -> Data {
        let vp8x: [UInt8] = [0x02, 0, 0, 0] + littleEndian24(width - 1) + littleEndian24(height - 1)
        let body = Array("WEBP".utf8) + Array("VP8X".utf8) + littleEndian32(UInt32(vp8x.count)) + vp8x
        return Data(Array("RIFF".utf8) + littleEndian32(UInt32(body.count)) + body)
    }

    // MARK: - Byte helpers

    static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + payload
        return bigEndian(UInt32(payload.count)) + typed + bigEndian(crc32(typed))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count <= 0xFFFF, "one stored block is enough for test images")
        let length = UInt16(data.count)
        return [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8),
                UInt8(~length & 0xFF), UInt8(~length >> 8)] + data + bigEndian(adler32(data))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func bigEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    private static func littleEndian32(_ value: UInt32) -> [UInt8] { bigEndian(value).reversed() }

    private static func littleEndian24(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF)]
    }
}
