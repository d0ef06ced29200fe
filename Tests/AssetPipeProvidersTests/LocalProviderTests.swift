import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

/// The embedded offline provider: deterministic, visibly prompt-dependent, honest about alpha,
/// and edits that are recognisably derived from their input.
@Suite struct LocalProviderTests {
    private let provider = LocalProvider(clock: VirtualClock())

    private func generate(_ prompt: String, size: PixelSize? = PixelSize(width: 64, height: 48), n: Int = 1,
                          background: String? = nil, aspectRatio: String? = nil, images: [InputImage] = [],
                          mask: InputImage? = nil, operation: Step.Operation = .generate) async throws -> [EncodedImage] {
        let parameters = GenerationParameters.with(n: n, size: size, aspectRatio: aspectRatio, background: background)
        return try await provider.generateImages(GenerationRequest(stepID: "s", model: "studio", operation: operation, prompt: prompt,
                                                             parameters: parameters, inputs: ImageInputs(images: images, mask: mask))).images
    }

    private func pixels(_ image: EncodedImage) throws -> RasterImage { try ImageCodec.decode(image.data) }

    /// Mean absolute difference per channel, 0–255.
    private func difference(_ a: RasterImage, _ b: RasterImage) -> Double {
        zip(a.pixels, b.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(a.pixels.count)
    }

    @Test func theSameRequestAlwaysGivesTheSameBytes() async throws {
        let first = try await generate("a red dragon")
        let second = try await generate("a red dragon")
        #expect(first.map(\.data) == second.map(\.data))
    }

    @Test func differentPromptsGiveVisiblyDifferentPicturesThatAreNeitherFlatNorNoise() async throws {
        let dragon = try pixels(try await generate("a red dragon")[0])
        let castle = try pixels(try await generate("a castle in the clouds")[0])
        #expect(difference(dragon, castle) > 20)
        let values = dragon.pixels.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
        #expect(spread > 15, "not a flat colour")
        // Neighbouring pixels are close: gradients and shapes, not noise.
        let rowNeighbours = (0..<(dragon.width - 1)).map { x in abs(Int(dragon.pixels[x * 3]) - Int(dragon.pixels[(x + 1) * 3])) }
        #expect(Double(rowNeighbours.reduce(0, +)) / Double(rowNeighbours.count) < 12)
    }

    @Test func honoursSizeAspectRatioAndN() async throws {
        let three = try await generate("icons", n: 3)
        #expect(three.count == 3)
        #expect(Set(three.map(\.data)).count == 3)
        #expect(three.allSatisfy { $0.header.width == 64 && $0.header.height == 48 && $0.format == .png })
        let wide = try await generate("banner", size: nil, aspectRatio: "16:9")
        #expect((wide[0].header.width, wide[0].header.height) == (1024, 576))
    }

    @Test func aTransparentBackgroundHasRealAlpha() async throws {
        let sprite = try pixels(try await generate("a sprite", background: "transparent")[0])
        #expect(sprite.hasAlpha)
        let alphas = stride(from: 3, to: sprite.pixels.count, by: 4).map { sprite.pixels[$0] }
        #expect(alphas.contains(0) && alphas.contains(255))
    }

    @Test func anEditIsVisiblyDerivedFromItsInput() async throws {
        let original = try await generate("a harbour")[0]
        let edited = try await generate("add a lighthouse", size: nil, images: [.encoded(original)])[0]
        let other = try await generate("a desert")[0]
        let before = try pixels(original), after = try pixels(edited)
        #expect((after.width, after.height) == (before.width, before.height))
        #expect(difference(before, after) > 3, "the edit changed something")
        #expect(difference(before, after) < difference(try pixels(other), after), "closer to its input than to another picture")
        let again = try await generate("add a lighthouse", size: nil, images: [.encoded(original)])[0]
        #expect(again.data == edited.data)
    }

    @Test func anEditRendersAtTheSizeAskedForNotTheInputsSize() async throws {
        let original = try await generate("a harbour")[0]
        let enlarged = try pixels(try await generate("add a lighthouse", size: PixelSize(width: 128, height: 128),
                                                     images: [.encoded(original)])[0])
        #expect((enlarged.width, enlarged.height) == (128, 128))
        let variation = try pixels(try await generate("", size: PixelSize(width: 32, height: 24), images: [.encoded(original)],
                                                      operation: .variation)[0])
        #expect((variation.width, variation.height) == (32, 24))
    }

    @Test func aMaskLimitsTheEditToItsTransparentPixels() async throws {
        let original = try await generate("a harbour")[0]
        var maskPixels = [UInt8](repeating: 255, count: 64 * 48 * 4)
        for y in 0..<48 { for x in 0..<32 { maskPixels[(y * 64 + x) * 4 + 3] = 0 } }
        let mask = try EncodedImage(validating: ImageCodec.encode(RasterImage(width: 64, height: 48, hasAlpha: true, pixels: maskPixels),
                                                                 .png(compressionLevel: 1)))
        let edited = try pixels(try await generate("paint the left half", size: nil, images: [.encoded(original)], mask: .encoded(mask))[0])
        let before = try pixels(original)
        for y in 0..<48 {
            for x in 32..<64 {
                let offset = (y * 64 + x) * 3
                #expect(Array(edited.pixels[offset..<offset + 3]) == Array(before.pixels[offset..<offset + 3]))
            }
        }
        #expect(edited.pixels != before.pixels)
    }

    @Test func refusesWhatItCannotDoWithAClearError() async throws {
        await #expect(throws: ProviderError.self) {
            _ = try await generate("needs the network", size: nil, images: [.url("https://example.com/a.png")])
        }
        await #expect(throws: ProviderError.self) {
            _ = try await generate("huge", size: PixelSize(width: 8000, height: 8000))
        }
    }

    @Test func latencyIsSpentOnTheInjectedClock() async throws {
        let clock = VirtualClock()
        let slow = LocalProvider(latency: .milliseconds(250), clock: clock)
        _ = try await slow.generateImages(GenerationRequest(stepID: "s", model: "m", prompt: "p",
                                                      parameters: GenerationParameters.with(size: PixelSize(width: 8, height: 8))))
        #expect(clock.sleeps == [.milliseconds(250)])
    }
}
