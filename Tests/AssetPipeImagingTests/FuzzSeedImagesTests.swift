import Foundation
import Testing
import AssetPipeBasics
import AssetPipeImaging
@testable import AssetPipeTestSupport

/// The image fuzzer's seeds (`Fuzz/corpus/image/`, written byte by byte by
/// `Fuzz/make-image-seeds.py`) must be files the codecs decode whole: a seed that fails at its
/// header would leave the fuzzer mutating from nothing past the signature.
@Suite struct FuzzSeedImagesTests {
    static let folder = Repository.root.appendingPathComponent("Fuzz/corpus/image")
    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func thereIsASeedOfEveryFormat() {
        let formats = Set(Self.seeds.compactMap { seed in
            (try? Data(contentsOf: Self.folder.appendingPathComponent(seed))).flatMap(ImageCodec.sniff)
        })
        #expect(formats == [.png, .jpeg, .webp])
    }

    @Test(arguments: seeds)
    func seedDecodesAsItsHeaderSays(seed: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(seed))
        let header = try ImageCodec.header(of: data)
        let image = try ImageCodec.decode(data)
        #expect(image.width == header.width && image.height == header.height && image.hasAlpha == header.hasAlpha)
        #expect(image.pixels.count == image.width * image.height * image.channels)
    }
}
