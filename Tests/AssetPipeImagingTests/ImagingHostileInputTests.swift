import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

/// Broken downloads and hostile headers must surface as `ImagingError`, never a crash, a hang or
/// a huge allocation.
@Suite struct ImagingHostileInputTests {
    static let encodings: [EncodeSettings] = [.png(compressionLevel: 6), .jpeg(quality: 85), .webp(quality: 80),
                                              .webpLossless]

    private func validFile(_ settings: EncodeSettings) throws -> Data {
        try ImageCodec.encode(TestImages.gradient(width: 64, height: 48, alpha: false), settings)
    }

    @Test(arguments: encodings)
    func truncatedFilesFailToDecodeAsCorrupt(settings: EncodeSettings) throws {
        let data = try validFile(settings)
        for length in [20, 40, data.count / 4, data.count / 2, data.count - 20, data.count - 1] {
            let error = caughtImagingError { _ = try ImageCodec.decode(data.prefix(length)) }
            #expect(error?.kind == .corrupt, "\(settings) truncated to \(length) of \(data.count) bytes")
            #expect(error?.message.contains("truncated or corrupt") == true, "\(String(describing: error))")
        }
    }

    @Test func pngWithADamagedChunkIsCorrupt() throws {
        var data = try validFile(.png(compressionLevel: 6))
        let idat = try #require(data.firstRange(of: Data("IDAT".utf8)))
        data[idat.upperBound + 10] ^= 0xFF
        expectCorrupt(data, mentioning: "PNG")
    }

    @Test func jpegWithAnImpossibleFrameHeaderIsCorrupt() throws {
        var data = try validFile(.jpeg(quality: 85))
        let frame = try #require(data.firstRange(of: Data([0xFF, 0xC0])))
        data[frame.lowerBound + 4] = 3
        expectCorrupt(data, mentioning: "JPEG")
    }

    @Test func webpWithADamagedFrameStartCodeIsCorrupt() throws {
        var data = try validFile(.webp(quality: 80))
        let startCode = try #require(data.firstRange(of: Data([0x9D, 0x01, 0x2A])))
        data[startCode.lowerBound] = 0
        expectCorrupt(data, mentioning: "WebP")
    }

    @Test(arguments: encodings)
    func flippedBytesAnywhereNeverCrash(settings: EncodeSettings) throws {
        let data = try validFile(settings)
        for position in stride(from: 0, to: data.count, by: max(1, data.count / 97)) {
            var damaged = data
            damaged[position] ^= 0x5A
            if let image = try? ImageCodec.decode(damaged) {
                #expect(image.pixels.count == image.width * image.height * image.channels)
            }
        }
    }

    @Test func headersDeclaring20000SquarePixelsAreRefusedBeforeDecoding() {
        let files: [(ImageFormat, Data)] = [
            (.png, HandmadeFiles.pngHeader(width: 20_000, height: 20_000)),
            (.jpeg, HandmadeFiles.jpegHeader(width: 20_000, height: 20_000)),
            (.webp, HandmadeFiles.webpVP8XHeader(width: 20_000, height: 20_000)),
        ]
        for (format, data) in files {
            #expect(ImageCodec.sniff(data) == format)
            let headerError = caughtImagingError { _ = try ImageCodec.header(of: data) }
            let decodeError = caughtImagingError { _ = try ImageCodec.decode(data) }
            for error in [headerError, decodeError] {
                #expect(error?.kind == .tooLarge, "\(format): \(String(describing: error))")
                #expect(error?.message.contains("20000x20000") == true)
            }
        }
    }

    @Test func thePixelCountLimitAppliesEvenWhenEachSideIsAllowed() {
        let data = HandmadeFiles.pngHeader(width: 16_384, height: 7_000)
        #expect(throws: ImagingError(.tooLarge, "PNG declares 16384x7000 pixels; the limit is 100000000 pixels")) {
            try ImageCodec.header(of: data)
        }
    }

    @Test func sizesAtTheLimitAreNotRefusedByTheSizeCheck() throws {
        let header = try ImageCodec.header(of: HandmadeFiles.webpVP8XHeader(width: 16_384, height: 16))
        #expect(header.width == 16_384)
    }

    @Test func aPNGChunkDeclaringTwoGigabytesIsRefusedBeforeLibpngReadsIt() {
        let data = HandmadeFiles.pngWithHugeChunk("zTXt", declaredLength: 2_000_000_000, present: 1 << 20)
        for error in [caughtImagingError { _ = try ImageCodec.header(of: data) }, caughtImagingError { _ = try ImageCodec.decode(data) }] {
            #expect(error == ImagingError(.tooLarge,
                                          "PNG zTXt chunk declares 2000000000 bytes; the limit for a chunk besides the pixels is 16777216"))
            #expect(error?.isPermanent == true)
        }
    }

    @Test func anITXtChunkPastTheLimitIsRefusedToo() {
        let data = HandmadeFiles.pngWithHugeChunk("iTXt", declaredLength: 16_777_217, present: 16)
        #expect(caughtImagingError { _ = try ImageCodec.header(of: data) }?.kind == .tooLarge)
    }

    /// Text is never read, so 1 MB of compressed text that would inflate to 160 MB costs nothing.
    @Test func aZTXtDeflateBombWithinTheLimitIsNeverInflated() throws {
        let data = HandmadeFiles.pngWithZTXtBomb(inflated: 160_000_000)
        #expect(data.count > 1_000_000 && data.count < ImageCodec.maxMetadataBytes)
        let image = try ImageCodec.decode(data)
        #expect(image.pixels == [200, 100, 50])
    }

    @Test func aProgressiveJPEGWithThousandsOfScansIsRefused() {
        let data = HandmadeFiles.progressiveJPEG(components: 3)
        for error in [caughtImagingError { _ = try ImageCodec.header(of: data) }, caughtImagingError { _ = try ImageCodec.decode(data) }] {
            #expect(error == ImagingError(.tooLarge, "JPEG holds more than 1000 scans; the limit is 1000"))
        }
    }

    /// The same progression on one component is 896 scans: under the limit, and decoded.
    @Test func aProgressiveJPEGWithinTheScanLimitDecodes() throws {
        let image = try ImageCodec.decode(HandmadeFiles.progressiveJPEG(components: 1))
        #expect(image.width == 8 && image.height == 8)
        #expect(Set(image.pixels) == [128])
    }

    /// Refused, not reduced to its first frame: a provider that answers with an animation has not
    /// answered with the still image asked for.
    @Test func anAnimatedWebPIsRefusedAsUnsupported() {
        let data = HandmadeFiles.animatedWebPHeader(width: 64, height: 64)
        let error = caughtImagingError { _ = try ImageCodec.header(of: data) }
        #expect(error == ImagingError(.unsupported,
                                      "animated WebP is not supported: only still images are decoded, not an animation's first frame"))
        #expect(error?.isPermanent == true)
    }

    private func expectCorrupt(_ data: Data, mentioning format: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let error = caughtImagingError { _ = try ImageCodec.decode(data) }
        #expect(error?.kind == .corrupt, sourceLocation: sourceLocation)
        #expect(error?.message.hasPrefix("\(format) data is truncated or corrupt: ") == true,
                "\(String(describing: error))", sourceLocation: sourceLocation)
    }
}
