import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct CacheContentStoreTests {
    private let scratch = CacheScratchDirectory()
    private var store: ContentStore { ContentStore(directory: scratch.url) }
    private let bytes = Data("pretend this is a png".utf8)

    @Test func storesBlobsUnderTheirHashWithATwoLevelFanOut() throws {
        let hash = try store.put(bytes)
        #expect(hash == SHA256.hex(bytes))
        #expect(scratch.allFiles() == ["objects/\(hash.prefix(2))/\(hash.dropFirst(2))"])
        #expect(store.get(hash) == bytes)
        #expect(store.contains(hash))
        #expect(store.allHashes() == [hash])
    }

    @Test func puttingTheSameBytesAgainLeavesTheBlobAlone() throws {
        let hash = try store.put(bytes)
        let url = try #require(store.url(for: hash))
        let old = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        #expect(try store.put(bytes) == hash)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date == old)
        #expect(scratch.allFiles().count == 1)
    }

    @Test(arguments: ["flip a byte", "truncate"])
    func aDamagedBlobIsAMissAndIsRemoved(damage: String) throws {
        let hash = try store.put(bytes)
        let url = try #require(store.url(for: hash))
        var damaged = bytes
        if damage == "truncate" { damaged.removeLast(5) } else { damaged[3] ^= 0x01 }
        try damaged.write(to: url)

        #expect(store.get(hash) == nil)
        #expect(!store.contains(hash))
        #expect(try store.put(bytes) == hash)
        #expect(store.get(hash) == bytes)
    }

    @Test func aDamagedBlobOfTheSameSizeIsRewrittenByPut() throws {
        let hash = try store.put(bytes)
        let url = try #require(store.url(for: hash))
        var damaged = bytes
        damaged[0] ^= 0xFF
        try damaged.write(to: url)
        try store.put(bytes)
        #expect(try Data(contentsOf: url) == bytes)
    }

    @Test func aMissingBlobIsAMiss() {
        let hash = SHA256.hex("never stored")
        #expect(store.get(hash) == nil)
        #expect(!store.contains(hash))
    }

    @Test func textThatIsNotAHashIsNeverUsedAsAPath() throws {
        try store.put(bytes)
        #expect(store.url(for: "../../etc/passwd") == nil)
        #expect(store.get("../../etc/passwd") == nil)
        #expect(store.url(for: SHA256.hex(bytes).uppercased()) == nil)
    }

    @Test func removeDeletesTheBlobAndToleratesAbsence() throws {
        let hash = try store.put(bytes)
        store.remove(hash)
        store.remove(hash)
        #expect(!store.contains(hash))
        #expect(store.allHashes().isEmpty)
    }
}
