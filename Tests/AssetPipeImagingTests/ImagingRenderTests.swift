import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

@Suite struct ImagingRenderTests {
    @Test func flatteningBlendsOntoTheMatteAndDropsAlpha() {
        let image = RasterImage(width: 3, height: 1, hasAlpha: true,
                                pixels: [200, 100, 50, 255, 200, 100, 50, 0, 200, 100, 50, 128])
        let flat = image.flattened(onto: RGBColor(red: 0, green: 0, blue: 255))
        #expect(!flat.hasAlpha)
        #expect(flat.pixels == [200, 100, 50, 0, 0, 255, 100, 50, 152])
        #expect(flat.flattened(onto: .white) == flat, "RGB images have nothing to flatten")
    }

    @Test func defaultsFillWhatTheSettingsLeaveOut() {
        #expect(EncodeSettings(.png) == .png(compressionLevel: 6))
        #expect(EncodeSettings(.jpeg) == .jpeg(quality: 90))
        #expect(EncodeSettings(.webp) == .webp(quality: 90))
        #expect(EncodeSettings(.webp, lossless: true) == .webpLossless)
        #expect(EncodeSettings(.jpeg, quality: 70, compression: 1) == .jpeg(quality: 70))
    }

    @Test func jpegAlwaysFlattensOntoTheMatteOrWhite() throws {
        let transparent = TestImages.solid(width: 16, height: 16, [0, 0, 0, 0])
        let onWhite = try ImageCodec.decode(OutputRenderer.render(transparent, RenderSettings(EncodeSettings(.jpeg))))
        #expect(onWhite.pixels.allSatisfy { $0 >= 250 })

        let matte = RGBColor(red: 30, green: 120, blue: 200)
        let onMatte = try ImageCodec.decode(OutputRenderer.render(transparent, RenderSettings(EncodeSettings(.jpeg), matte: matte)))
        let pixel = TestImages.pixel(onMatte, x: 8, y: 8)
        #expect(abs(Int(pixel[0]) - 30) <= 3 && abs(Int(pixel[1]) - 120) <= 3 && abs(Int(pixel[2]) - 200) <= 3)
    }

    @Test(arguments: [ImageFormat.png, .webp])
    func pngAndWebPKeepAlphaUnlessAMatteIsSet(format: ImageFormat) throws {
        let image = TestImages.gradient(alpha: true)
        let kept = try ImageCodec.decode(OutputRenderer.render(image, RenderSettings(EncodeSettings(format))))
        #expect(kept.hasAlpha)
        let matted = try ImageCodec.decode(OutputRenderer.render(image, RenderSettings(EncodeSettings(format), matte: .white)))
        #expect(!matted.hasAlpha)
    }

    @Test func resizeShrinksToFitButNeverEnlarges() throws {
        let image = TestImages.gradient(width: 64, height: 48, alpha: false)
        let shrunk = try ImageCodec.header(of: OutputRenderer.render(
            image, RenderSettings(EncodeSettings(.png), resize: PixelSize(width: 32, height: 32))))
        #expect(shrunk.width == 32 && shrunk.height == 24)
        let kept = try ImageCodec.header(of: OutputRenderer.render(
            image, RenderSettings(EncodeSettings(.png), resize: PixelSize(width: 640, height: 640))))
        #expect(kept.width == 64 && kept.height == 48)
    }

    @Test func renderingIsDeterministic() throws {
        let image = TestImages.gradient(alpha: true)
        let settings = RenderSettings(EncodeSettings(.webp, quality: 75), resize: PixelSize(width: 20, height: 20))
        #expect(try OutputRenderer.render(image, settings) == OutputRenderer.render(image, settings))
    }
}
