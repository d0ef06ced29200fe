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
