import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

@Suite struct ImagingHeaderTests {
    @Test(arguments: [EncodeSettings.png(compressionLevel: 6), .webp(quality: 80), .webpLossless])
    func headerReportsFormatSizeAndAlpha(settings: EncodeSettings) throws {
        for alpha in [false, true] {
            let data = try ImageCodec.encode(TestImages.gradient(width: 40, height: 30, alpha: alpha), settings)
            #expect(ImageCodec.sniff(data) == settings.format)
            #expect(try ImageCodec.header(of: data) ==
                    ImageHeader(format: settings.format, width: 40, height: 30, hasAlpha: alpha))
        }
    }

    @Test func jpegHeaderHasNoAlpha() throws {
        let data = try ImageCodec.encode(TestImages.gradient(width: 40, height: 30, alpha: false), .jpeg(quality: 80))
        #expect(try ImageCodec.header(of: data) == ImageHeader(format: .jpeg, width: 40, height: 30, hasAlpha: false))
    }

    @Test func sniffIgnoresAnythingWithoutASignature() {
        #expect(ImageCodec.sniff(Data()) == nil)
        #expect(ImageCodec.sniff(Data("GIF89a".utf8)) == nil)
        #expect(ImageCodec.sniff(Data("RIFF\0\0\0\0WAVE".utf8)) == nil)
        #expect(ImageCodec.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
    }

    @Test func unrecognizedDataIsReportedAsSuch() {
        #expect(throws: ImagingError.self) { try ImageCodec.header(of: Data("not an image".utf8)) }
        #expect(caughtImagingError { _ = try ImageCodec.decode(Data()) }?.kind == .unrecognizedFormat)
    }

    @Test func pngGrayPaletteSixteenBitAndTransparencyAreNormalisedTo8BitRGBOrRGBA() throws {
        let gray = HandmadeFiles.png(width: 2, height: 1, bitDepth: 8, colorType: 0, rows: [[10, 200]])
        #expect(try ImageCodec.decode(gray) == RasterImage(width: 2, height: 1, hasAlpha: false,
                                                             pixels: [10, 10, 10, 200, 200, 200]))

        let grayAlpha = HandmadeFiles.png(width: 1, height: 1, bitDepth: 8, colorType: 4, rows: [[90, 128]])
        #expect(try ImageCodec.decode(grayAlpha).pixels == [90, 90, 90, 128])

        let oneBit = HandmadeFiles.png(width: 8, height: 1, bitDepth: 1, colorType: 0, rows: [[0b1000_0001]])
        #expect(try ImageCodec.decode(oneBit).pixels.filter { $0 == 255 }.count == 6)

        let palette = HandmadeFiles.png(width: 2, height: 1, bitDepth: 8, colorType: 3, rows: [[0, 1]],
                                        extraChunks: [("PLTE", [255, 0, 0, 0, 0, 255]), ("tRNS", [64])])
        #expect(try ImageCodec.header(of: palette).hasAlpha)
        #expect(try ImageCodec.decode(palette).pixels == [255, 0, 0, 64, 0, 0, 255, 255])

        let sixteen = HandmadeFiles.png(width: 1, height: 1, bitDepth: 16, colorType: 2,
                                        rows: [[0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00]])
        #expect(try ImageCodec.decode(sixteen).pixels == [255, 128, 0])

        let keyed = HandmadeFiles.png(width: 2, height: 1, bitDepth: 8, colorType: 2, rows: [[1, 2, 3, 4, 5, 6]],
                                      extraChunks: [("tRNS", [0, 1, 0, 2, 0, 3])])
        #expect(try ImageCodec.decode(keyed).pixels == [1, 2, 3, 0, 4, 5, 6, 255])
    }

    @Test func jpegGrayAndAdobeCMYKDecodeToRGB() throws {
        let gray = try ShimCall.encodeJPEG(samples: [UInt8](repeating: 100, count: 64), width: 8, height: 8,
                                           layout: .gray, quality: 100)
        let decodedGray = try ImageCodec.decode(gray)
        #expect(decodedGray.pixels.count == 8 * 8 * 3)
        #expect(decodedGray.pixels.allSatisfy { abs(Int($0) - 100) <= 1 })

        // Inverted (Adobe) CMYK for pure red: no cyan, full magenta and yellow, no black.
        let red = try ShimCall.encodeJPEG(samples: Array(repeating: [255, 0, 0, 255], count: 64).flatMap { $0 },
                                          width: 8, height: 8, layout: .cmyk, quality: 100)
        let decodedRed = try ImageCodec.decode(red)
        #expect(!decodedRed.hasAlpha)
        let pixel = TestImages.pixel(decodedRed, x: 4, y: 4)
        #expect(pixel[0] >= 250 && pixel[1] <= 5 && pixel[2] <= 5)
    }
}
