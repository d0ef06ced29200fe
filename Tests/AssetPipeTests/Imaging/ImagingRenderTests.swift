import Foundation
import Testing
@testable import AssetPipe

@Suite struct ImagingRenderTests {
    @Test func flatteningBlendsOntoTheMatteAndDropsAlpha() {
        let image = RasterImage(width: 3, height: 1, hasAlpha: true,
                                pixels: [200, 100, 50, 255, 200, 100, 50, 0, 200, 100, 50, 128])
        let flat = image.flattened(onto: RGBColor(red: 0, green: 0, blue: 255))
        #expect(!flat.hasAlpha)
        #expect(flat.pixels == [200, 100, 50, 0, 0, 255, 100, 50, 152])
        #expect(flat.flattened(onto: .white) == flat, "RGB images have nothing to flatten")
    }

    @Test func defaultsFillWhatTheSpecLeavesOut() {
        #expect(EncodeSettings(OutputSpec(path: "a.png", format: .png)) == .png(compressionLevel: 6))
        #expect(EncodeSettings(OutputSpec(path: "a.jpg", format: .jpeg)) == .jpeg(quality: 90))
        #expect(EncodeSettings(OutputSpec(path: "a.webp", format: .webp)) == .webp(quality: 90))
        #expect(EncodeSettings(OutputSpec(path: "a.webp", format: .webp, lossless: true)) == .webpLossless)
        #expect(EncodeSettings(OutputSpec(path: "a.jpg", format: .jpeg, quality: 70, compression: 1)) == .jpeg(quality: 70))
    }

    @Test func jpegAlwaysFlattensOntoTheMatteOrWhite() throws {
        let transparent = TestImages.solid(width: 16, height: 16, [0, 0, 0, 0])
        let onWhite = try ImageCodec.decode(OutputRenderer.render(transparent, as: OutputSpec(path: "a.jpg", format: .jpeg)))
        #expect(onWhite.pixels.allSatisfy { $0 >= 250 })

        let matte = RGBColor(red: 30, green: 120, blue: 200)
        let spec = OutputSpec(path: "a.jpg", format: .jpeg, matte: matte)
        let onMatte = try ImageCodec.decode(OutputRenderer.render(transparent, as: spec))
        let pixel = TestImages.pixel(onMatte, x: 8, y: 8)
        #expect(abs(Int(pixel[0]) - 30) <= 3 && abs(Int(pixel[1]) - 120) <= 3 && abs(Int(pixel[2]) - 200) <= 3)
    }

    @Test(arguments: [ImageFormat.png, .webp])
    func pngAndWebPKeepAlphaUnlessAMatteIsSet(format: ImageFormat) throws {
        let image = TestImages.gradient(alpha: true)
        let kept = try ImageCodec.decode(OutputRenderer.render(image, as: OutputSpec(path: "a", format: format)))
        #expect(kept.hasAlpha)
        let matted = try ImageCodec.decode(OutputRenderer.render(image, as: OutputSpec(path: "a", format: format, matte: .white)))
        #expect(!matted.hasAlpha)
    }

    @Test func resizeShrinksToFitButNeverEnlarges() throws {
        let image = TestImages.gradient(width: 64, height: 48, alpha: false)
        let shrunk = try ImageCodec.header(of: OutputRenderer.render(
            image, as: OutputSpec(path: "a.png", format: .png, resize: PixelSize(width: 32, height: 32))))
        #expect(shrunk.width == 32 && shrunk.height == 24)
        let kept = try ImageCodec.header(of: OutputRenderer.render(
            image, as: OutputSpec(path: "a.png", format: .png, resize: PixelSize(width: 640, height: 640))))
        #expect(kept.width == 64 && kept.height == 48)
    }

    @Test func renderingIsDeterministic() throws {
        let image = TestImages.gradient(alpha: true)
        let spec = OutputSpec(path: "a.webp", format: .webp, quality: 75, resize: PixelSize(width: 20, height: 20))
        #expect(try OutputRenderer.render(image, as: spec) == OutputRenderer.render(image, as: spec))
    }
}
