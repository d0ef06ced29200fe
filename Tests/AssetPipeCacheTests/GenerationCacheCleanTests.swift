import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct GenerationCacheCleanTests {
    private let scratch = CacheScratchDirectory()
    private var cache: GenerationCache { GenerationCache(directory: scratch.url) }
    private let kept = SHA256.hex("kept step")
    private let dropped = SHA256.hex("dropped step")
    private let shared = Data("shared image".utf8)

    private func image(_ text: String) -> EncodedImage {
        EncodedImage(data: Data(text.utf8), header: ImageHeader(format: .png, width: 1, height: 1, hasAlpha: false))
    }

    /// Two records sharing one blob, a blob only the dropped record uses, a stray blob, a
    /// temporary, and task files for a kept, a dropped and an already stored key.
    private func populate() throws {
        try cache.store(key: kept, images: [image("shared image"), image("kept only")], model: "m", cost: nil, generatedAt: "t")
        try cache.store(key: dropped, images: [image("shared image"), image("dropped only")], model: "m", cost: nil, generatedAt: "t")
        try cache.blobs.put(Data("stray".utf8))
        try Data("half".utf8).write(to: scratch.file("keys/.\(kept).json\(AtomicFile.temporaryFileMarker)1234"))
        let inFlight = SHA256.hex("in flight")
        try cache.recordTask(key: inFlight, provider: "opper", taskID: "resume-me")
        try cache.recordTask(key: dropped, provider: "opper", taskID: "abandoned")
        try cache.recordTask(key: kept, provider: "opper", taskID: "already-collected")
    }

    @Test func removesWhatNoKeptKeyNeedsAndKeepsTheRest() throws {
        try populate()
        let inFlight = SHA256.hex("in flight")
        let report = try cache.clean(keepingKeys: [kept, inFlight], dryRun: false)

        #expect(cache.record(for: kept).flatMap(cache.images(for:)) == [image("shared image"), image("kept only")])
        #expect(cache.record(for: dropped) == nil)
        #expect(cache.blobs.allHashes() == [SHA256.hex("shared image"), SHA256.hex("kept only")])
        #expect(cache.pendingTask(for: inFlight) == PendingTask(provider: "opper", taskID: "resume-me"))
        #expect(cache.pendingTask(for: kept) == nil)
        #expect(cache.pendingTask(for: dropped) == nil)
        #expect(!scratch.allFiles().contains { $0.contains(AtomicFile.temporaryFileMarker) })

        let removed = Dictionary(grouping: report.entries, by: \.kind).mapValues(\.count)
        #expect(removed == [.record: 1, .blob: 2, .task: 2, .temporary: 1])
        #expect(report.entries.map(\.path) == report.entries.map(\.path).sorted())
        #expect(report.totalBytes == report.entries.reduce(0) { $0 + $1.bytes })
        #expect(report.entries.first { $0.kind == .temporary }?.bytes == 4)
    }

    @Test func aDryRunListsTheSameAndRemovesNothing() throws {
        try populate()
        let before = scratch.allFiles()
        let dryRun = try cache.clean(keepingKeys: [kept], dryRun: true)
        #expect(scratch.allFiles() == before)
        #expect(dryRun.dryRun)

        let real = try cache.clean(keepingKeys: [kept], dryRun: false)
        #expect(real.entries == dryRun.entries)
        #expect(try cache.clean(keepingKeys: [kept], dryRun: true).entries.isEmpty)
    }

    @Test func anUnreadableKeptRecordIsRemovedAndFreesItsBlobs() throws {
        try populate()
        try Data("{".utf8).write(to: try cache.recordURL(for: kept))
        let report = try cache.clean(keepingKeys: [kept], dryRun: false)
        #expect(report.entries.contains { $0.kind == .record && $0.path.hasSuffix("\(kept).json") })
        #expect(cache.blobs.allHashes().isEmpty)
    }

    @Test func cleaningAnEmptyOrMissingCacheRemovesNothing() throws {
        let missing = GenerationCache(directory: scratch.file("never-created"))
        #expect(try missing.clean(keepingKeys: [], dryRun: false).entries.isEmpty)
    }
}
