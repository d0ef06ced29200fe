import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct CacheLockfileTests {
    private let scratch = CacheScratchDirectory()

    private func lockedStep(_ name: String) -> LockedStep {
        LockedStep(key: SHA256.hex(name), fingerprints: ["prompt": "0123456789abcdef", "model": "fedcba9876543210"],
                   model: "openai:gpt-image-1",
                   images: [ImageRecord(sha256: SHA256.hex(name + " image"), format: .png, width: 1024, height: 1024,
                                        hasAlpha: true, provider: "openai", url: "https://cdn.example/a/b.png")],
                   outputs: ["icons/\(name).webp": LockedOutput(sha256: SHA256.hex(name + " out"), settings: "webp q80 fit 256x256"),
                             "\(name).png": LockedOutput(sha256: SHA256.hex(name + " png"), settings: "png")],
                   cost: 0.042, generatedAt: "2025-01-02T03:04:05Z")
    }

    @Test func bytesDoNotDependOnInsertionOrderOrRepetition() throws {
        var forward = Lockfile()
        for name in ["hero", "balloon", "zebra"] { forward.steps[name] = lockedStep(name) }
        var backward = Lockfile()
        for name in ["zebra", "balloon", "hero"] { backward.steps[name] = lockedStep(name) }

        let url = scratch.file("pack.lock.json")
        try forward.write(to: url)
        let first = try Data(contentsOf: url)
        try backward.write(to: url)
        #expect(try Data(contentsOf: url) == first)
        #expect(try Lockfile.load(from: url) == forward)
    }

    @Test func isIndentedSortedUnescapedAndEndsWithANewline() throws {
        let text = String(decoding: try Lockfile(steps: ["hero": lockedStep("hero")]).encoded(), as: UTF8.self)
        let expected = """
        {
          "steps": {
            "hero": {
              "cost": 0.042,
              "fingerprints": {
                "model": "fedcba9876543210",
                "prompt": "0123456789abcdef"
              },
              "generated_at": "2025-01-02T03:04:05Z",
              "images": [
                {
                  "format": "png",
                  "has_alpha": true,
                  "height": 1024,
                  "provider": "openai",
                  "sha256": "\(SHA256.hex("hero image"))",
                  "url": "https://cdn.example/a/b.png",
                  "width": 1024
                }
              ],
              "key": "\(SHA256.hex("hero"))",
              "model": "openai:gpt-image-1",
              "outputs": {
                "hero.png": {
                  "settings": "png",
                  "sha256": "\(SHA256.hex("hero png"))"
                },
                "icons/hero.webp": {
                  "settings": "webp q80 fit 256x256",
                  "sha256": "\(SHA256.hex("hero out"))"
                }
              }
            }
          },
          "version": 1
        }

        """
        #expect(text == expected)
    }

    @Test func emptyContainersStayOnOneLine() throws {
        var step = lockedStep("hero")
        step.outputs = [:]
        step.images = []
        let text = String(decoding: try Lockfile(steps: ["hero": step]).encoded(), as: UTF8.self)
        #expect(text.contains(#""images": [],"#))
        #expect(text.contains(#""outputs": {}"#))
        #expect(String(decoding: try Lockfile().encoded(), as: UTF8.self) == "{\n  \"steps\": {},\n  \"version\": 1\n}\n")
    }

    @Test func stringsWithBracketsAndQuotesSurviveTheLayout() throws {
        var step = lockedStep("hero")
        step.model = #"odd:{"model": [1, 2]}, \"quoted\""#
        let lockfile = Lockfile(steps: ["hero": step])
        let url = scratch.file("pack.lock.json")
        try lockfile.write(to: url)
        #expect(try Lockfile.load(from: url) == lockfile)
    }

    @Test func anAbsentLockfileIsNil() throws {
        #expect(try Lockfile.load(from: scratch.file("pack.lock.json")) == nil)
    }

    @Test(arguments: ["{", #"{"version": 1}"#, #"{"version": 2, "steps": {}}"#, "[]"])
    func aMalformedLockfileIsAnErrorNamingTheFile(contents: String) throws {
        let url = scratch.file("pack.lock.json")
        try Data(contents.utf8).write(to: url)
        let error = #expect(throws: CacheError.self) { try Lockfile.load(from: url) }
        #expect(error?.message.contains(url.path) == true)
    }

    @Test(arguments: [
        ("/packs/pack.json", "/packs/pack.lock.json"),
        ("/packs/game.assets.json", "/packs/game.assets.lock.json"),
        ("/packs/manifest", "/packs/manifest.lock.json"),
    ])
    func sitsBesideTheManifest(manifest: String, lockfile: String) {
        #expect(Lockfile.url(forManifest: URL(fileURLWithPath: manifest)).path == lockfile)
    }

    @Test func outputSettingsReadAsWords() {
        #expect(LockedOutput.settings(for: OutputSpec(path: "a.webp", format: .webp, quality: 80,
                                                      resize: PixelSize(width: 256, height: 256))) == "webp q80 fit 256x256")
        #expect(LockedOutput.settings(for: OutputSpec(path: "a.png", format: .png, compression: 9,
                                                      matte: .white)) == "png z9 matte #ffffff")
        #expect(LockedOutput.settings(for: OutputSpec(path: "a.webp", format: .webp, lossless: true)) == "webp lossless")
    }
}
