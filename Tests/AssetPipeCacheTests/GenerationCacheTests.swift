import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct GenerationCacheTests {
    private let scratch = CacheScratchDirectory()
    private var cache: GenerationCache { GenerationCache(directory: scratch.url) }
    private let key = SHA256.hex("step hero")
    private let images = [
        EncodedImage(data: Data("first image".utf8), header: ImageHeader(format: .png, width: 1024, height: 1024, hasAlpha: true),
                     origin: ImageOrigin(provider: "opper", fileID: "file-1", url: "https://cdn.example/1.png")),
        EncodedImage(data: Data("second image".utf8), header: ImageHeader(format: .webp, width: 512, height: 256, hasAlpha: false)),
    ]

    @discardableResult
    private func storeHero() throws -> GenerationRecord {
        try cache.store(key: key, images: images, model: "opper:openai/gpt-image-1", cost: 0.084,
                        generatedAt: "2025-01-02T03:04:05Z", notes: ["fell back from openai:gpt-image-1"])
    }

    @Test func storedImagesComeBackIdentical() throws {
        let stored = try storeHero()
        let record = try #require(cache.record(for: key))
        #expect(record == stored)
        #expect(record.model == "opper:openai/gpt-image-1")
        #expect(record.cost == 0.084)
        #expect(record.images.map(\.sha256) == images.map { SHA256.hex($0.data) })
        #expect(cache.images(for: record) == images)
    }

    @Test func anUnknownKeyIsAMiss() {
        #expect(cache.record(for: SHA256.hex("other")) == nil)
        #expect(cache.record(for: "not-a-key") == nil)
    }

    @Test func aRecordWhoseBlobIsGoneHasNoImages() throws {
        let record = try storeHero()
        cache.blobs.remove(record.images[1].sha256)
        #expect(cache.images(for: record) == nil)
    }

    @Test func aRecordWhoseBlobIsDamagedHasNoImages() throws {
        let record = try storeHero()
        try Data("tampered".utf8).write(to: try #require(cache.blobs.url(for: record.images[0].sha256)))
        #expect(cache.images(for: record) == nil)
    }

    @Test(arguments: ["{", "{}", #"{"key":"x","model":"m","images":[],"generated_at":"t","notes":[]}"#])
    func aMalformedRecordIsAMiss(contents: String) throws {
        try storeHero()
        try Data(contents.utf8).write(to: try cache.recordURL(for: key))
        #expect(cache.record(for: key) == nil)
    }

    @Test func blobsAreDurableBeforeTheRecordIsWritten() throws {
        // A folder where the record should go makes the record's rename fail, as a kill at that
        // moment would: the run loses nothing paid for, and there is no record to trust.
        try FileManager.default.createDirectory(at: try cache.recordURL(for: key), withIntermediateDirectories: true)
        #expect(throws: CacheError.self) { try storeHero() }
        #expect(cache.record(for: key) == nil)
        #expect(cache.blobs.allHashes() == Set(images.map { SHA256.hex($0.data) }))
        #expect(!scratch.allFiles().contains { AtomicFile.isTemporaryFile(named: URL(fileURLWithPath: $0).lastPathComponent) })
    }

    @Test func storingAgainReplacesTheRecord() throws {
        try storeHero()
        let replacement = try cache.store(key: key, images: [images[1]], model: "openai:gpt-image-1", cost: nil,
                                          generatedAt: "2025-02-01T00:00:00Z")
        #expect(cache.record(for: key) == replacement)
    }

    @Test func keysThatAreNotHashesAreRefused() {
        #expect(throws: CacheError.self) {
            try cache.store(key: "../escape", images: images, model: "m", cost: nil, generatedAt: "t")
        }
    }

    @Test func aPendingTaskSurvivesUntilCleared() throws {
        #expect(cache.pendingTask(for: key) == nil)
        try cache.recordTask(key: key, provider: "opper", taskID: "task-42")
        #expect(GenerationCache(directory: scratch.url).pendingTask(for: key) == PendingTask(provider: "opper", taskID: "task-42"))
        cache.clearTask(key: key)
        #expect(cache.pendingTask(for: key) == nil)
    }
}
