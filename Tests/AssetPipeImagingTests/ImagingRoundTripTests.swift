import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

@Suite struct ImagingRoundTripTests {
    @Test(arguments: [false, true])
    func pngIsLosslessForRGBAndRGBA(alpha: Bool) throws {
        let image = TestImages.gradient(alpha: alpha)
        let data = try ImageCodec.encode(image, .png(compressionLevel: 6))
        #expect(try ImageCodec.decode(data) == image)
    }

    @Test(arguments: [0, 9])
    func everyPNGCompressionLevelRoundTrips(level: Int) throws {
        let image = TestImages.gradient(alpha: true)
        #expect(try ImageCodec.decode(ImageCodec.encode(image, .png(compressionLevel: level))) == image)
    }

    @Test func jpegKeepsSmoothImagesCloseAtQuality90() throws {
        let image = TestImages.gradient(alpha: false)
        let decoded = try ImageCodec.decode(ImageCodec.encode(image, .jpeg(quality: 90)))
        #expect(decoded.width == image.width && decoded.height == image.height && !decoded.hasAlpha)
        #expect(TestImages.meanError(decoded, image) < 3)
    }

    @Test func jpegRefusesAlphaUntilFlattened() throws {
        let image = TestImages.gradient(alpha: true)
        #expect(throws: ImagingError.self) { try ImageCodec.encode(image, .jpeg(quality: 90)) }
        let flattened = image.flattened(onto: .white)
        #expect(try ImageCodec.decode(ImageCodec.encode(flattened, .jpeg(quality: 90))).hasAlpha == false)
    }

    @Test(arguments: [false, true])
    func lossyWebPStaysCloseAndKeepsAlpha(alpha: Bool) throws {
        let image = TestImages.gradient(alpha: alpha)
        let decoded = try ImageCodec.decode(ImageCodec.encode(image, .webp(quality: 90)))
        #expect(decoded.hasAlpha == alpha)
        if alpha {
            let alphas = { (image: RasterImage) in stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] } }
            #expect(alphas(decoded) == alphas(image), "alpha is stored losslessly even in lossy WebP")
        } else {
            #expect(TestImages.meanError(decoded, image) < 4)
        }
    }

    @Test(arguments: [false, true])
    func losslessWebPIsExactIncludingColourUnderTransparentPixels(alpha: Bool) throws {
        let image = TestImages.gradient(alpha: alpha)
        #expect(try ImageCodec.decode(ImageCodec.encode(image, .webpLossless)) == image)
    }

    @Test(arguments: [EncodeSettings.png(compressionLevel: 6), .jpeg(quality: 85), .webp(quality: 80), .webpLossless])
    func repeatedEncodesAreByteIdentical(settings: EncodeSettings) throws {
        let image = TestImages.gradient(alpha: false)
        #expect(try ImageCodec.encode(image, settings) == ImageCodec.encode(image, settings))
    }

    @Test func encoderSettingsOutOfRangeAreRefused() {
        let image = TestImages.gradient(alpha: false)
        for settings in [EncodeSettings.png(compressionLevel: 10), .jpeg(quality: 101), .webp(quality: -1)] {
            #expect(throws: ImagingError.self) { try ImageCodec.encode(image, settings) }
        }
        let empty = RasterImage(width: 0, height: 0, hasAlpha: false, pixels: [])
        #expect(throws: ImagingError.self) { try ImageCodec.encode(empty, .png(compressionLevel: 6)) }
    }
}
