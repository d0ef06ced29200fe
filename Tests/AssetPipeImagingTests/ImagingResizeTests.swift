import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

@Suite struct ImagingResizeTests {
    @Test func fitsInsideTheBoxKeepingTheAspectRatio() {
        let cases: [(PixelSize, PixelSize, PixelSize)] = [
            (PixelSize(width: 1024, height: 512), PixelSize(width: 256, height: 256), PixelSize(width: 256, height: 128)),
            (PixelSize(width: 100, height: 300), PixelSize(width: 50, height: 50), PixelSize(width: 17, height: 50)),
            (PixelSize(width: 10, height: 5), PixelSize(width: 100, height: 100), PixelSize(width: 100, height: 50)),
            (PixelSize(width: 1000, height: 1), PixelSize(width: 10, height: 10), PixelSize(width: 10, height: 1)),
            (PixelSize(width: 1, height: 1000), PixelSize(width: 10, height: 10), PixelSize(width: 1, height: 10)),
        ]
        for (source, box, expected) in cases {
            let image = TestImages.solid(width: source.width, height: source.height, [9, 9, 9])
            #expect(image.fittedSize(inside: box) == expected, "\(source) in \(box)")
            let resized = image.resized(toFit: box)
            #expect(PixelSize(width: resized.width, height: resized.height) == expected)
        }
    }

    @Test func anImageThatAlreadyFitsExactlyIsReturnedUnchanged() {
        let image = TestImages.gradient(alpha: true)
        #expect(image.resized(toFit: PixelSize(width: 64, height: 1000)) == image)
    }

    @Test(arguments: [[200, 40, 90], [200, 40, 90, 170]] as [[UInt8]])
    func flatColourStaysExactlyFlatAtAnyScale(colour: [UInt8]) {
        let image = TestImages.solid(width: 37, height: 23, colour)
        for box in [PixelSize(width: 10, height: 10), PixelSize(width: 100, height: 100)] {
            let resized = image.resized(toFit: box)
            #expect(resized.pixels == TestImages.solid(width: resized.width, height: resized.height, colour).pixels)
        }
    }

    @Test func downscalingAOnePixelCheckerboardGivesMidGreyNotAliasing() {
        let resized = TestImages.checkerboard(size: 256).resized(toFit: PixelSize(width: 100, height: 100))
        #expect(resized.width == 100 && resized.height == 100)
        let extremes = (resized.pixels.min() ?? 0, resized.pixels.max() ?? 255)
        #expect(extremes.0 >= 120 && extremes.1 <= 136, "range \(extremes)")
    }

    @Test func transparentSurroundingsDoNotDarkenOpaqueEdges() {
        // Opaque red on the left, transparent black on the right: a straight-alpha filter would
        // mix in the black and leave a dark rim.
        let pixels = (0..<64 * 64).flatMap { index -> [UInt8] in index % 64 < 32 ? [255, 0, 0, 255] : [0, 0, 0, 0] }
        let image = RasterImage(width: 64, height: 64, hasAlpha: true, pixels: pixels)
        let resized = image.resized(toFit: PixelSize(width: 27, height: 27))
        for x in 0..<resized.width {
            let pixel = TestImages.pixel(resized, x: x, y: 13)
            guard pixel[3] > 8 else { continue }
            #expect(pixel[0] >= 250 && pixel[1] <= 3 && pixel[2] <= 3, "x=\(x) \(pixel)")
        }
        #expect(TestImages.pixel(resized, x: 0, y: 0)[3] == 255)
        #expect(TestImages.pixel(resized, x: 26, y: 0)[3] == 0)
    }

    @Test func upscalingInterpolatesSmoothly() {
        let image = RasterImage(width: 2, height: 1, hasAlpha: false, pixels: [0, 0, 0, 255, 255, 255])
        let resized = image.resized(toFit: PixelSize(width: 8, height: 4))
        #expect(resized.width == 8 && resized.height == 4)
        let row = (0..<8).map { TestImages.pixel(resized, x: $0, y: 0)[0] }
        #expect(row == row.sorted(), "monotonic ramp \(row)")
        #expect(row.first == 0 && row.last == 255)
    }

    /// Digests of the pixels the full-height intermediate gave before the resize worked in
    /// bands: the banded passes must give exactly the same bytes, scaling down, up and mixed.
    @Test(arguments: [
        (PixelSize(width: 40, height: 25), false, "1fa43cbb3f3d10f9496a15e25027f93124bbfa1d41a22965d33a9ee9fb1cec1a"),
        (PixelSize(width: 300, height: 190), false, "54764b0e15b1d8c48b1456120702470242b20ba3859824401a709dde6d360f87"),
        (PixelSize(width: 97, height: 9), true, "95bec79606d354ba5e2261563ab6a970772126c6b2bb6a51d3d5cb9cdf5a23ad"),
        (PixelSize(width: 20, height: 200), true, "3a6a1cda5e0bf32263e296ff253d9880380382df21bcaf306042072d6b4b1ed2"),
        (PixelSize(width: 250, height: 30), true, "4490335a65cefe3bbb55ca7e37613e3ddbba041b806a982e43282eb6ff967914"),
    ])
    func bandedResizeGivesTheSameBytesAsBefore(size: PixelSize, alpha: Bool, digest: String) {
        let resized = Self.noise(width: 97, height: 61, alpha: alpha).resized(to: size)
        #expect(SHA256.hex(Data(resized.pixels)) == digest, "\(size) alpha \(alpha)")
    }

    /// Detail at every pixel (and every alpha level), so any change in the arithmetic shows.
    private static func noise(width: Int, height: Int, alpha: Bool) -> RasterImage {
        let channels = alpha ? 4 : 3
        let pixels = (0..<width * height * channels).map { index in UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        return RasterImage(width: width, height: height, hasAlpha: alpha, pixels: pixels)
    }
}
