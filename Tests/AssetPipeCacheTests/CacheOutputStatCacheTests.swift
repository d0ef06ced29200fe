import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct CacheOutputHasherTests {
    private let scratch = CacheScratchDirectory()
    private var stateFile: URL { scratch.file("cache/output-hashes.json") }

    /// Writes `text` and dates it an hour back, as an output written by an earlier run.
    private func writeSettled(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
    }

    @Test func anUntouchedFileIsNotReadAgainEvenByTheNextRun() throws {
        let output = scratch.file("hero.png")
        try writeSettled("hero pixels", to: output)
        let first = OutputStatCache(stateFile: stateFile)
        #expect(try first.hash(of: output) == SHA256.hex("hero pixels"))
        #expect(try first.hash(of: output) == SHA256.hex("hero pixels"))
        #expect(first.filesRead == 1)
        try first.save()

        let next = OutputStatCache(stateFile: stateFile)
        #expect(try next.hash(of: output) == SHA256.hex("hero pixels"))
        #expect(next.filesRead == 0)
    }

    @Test func aModifiedFileIsHashedAgain() throws {
        let output = scratch.file("hero.png")
        try writeSettled("hero pixels", to: output)
        let hasher = OutputStatCache(stateFile: stateFile)
        _ = try hasher.hash(of: output)
        try writeSettled("HERO PIXELS", to: output)
        #expect(try hasher.hash(of: output) == SHA256.hex("HERO PIXELS"))
        #expect(hasher.filesRead == 2)
    }

    @Test func aReplacedFileWithTheSameSizeAndMtimeIsHashedAgain() throws {
        let output = scratch.file("hero.png")
        try writeSettled("hero pixels", to: output)
        let mtime = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate]
        let hasher = OutputStatCache(stateFile: stateFile)
        _ = try hasher.hash(of: output)
        try FileManager.default.removeItem(at: output)
        try Data("HERO PIXELS".utf8).write(to: output)
        try FileManager.default.setAttributes([.modificationDate: mtime as Any], ofItemAtPath: output.path)
        #expect(try hasher.hash(of: output) == SHA256.hex("HERO PIXELS"))
    }

    @Test func aJustWrittenFileIsHashedButNotRemembered() throws {
        let output = scratch.file("fresh.png")
        try Data("fresh".utf8).write(to: output)
        let hasher = OutputStatCache(stateFile: stateFile)
        #expect(try hasher.hash(of: output) == SHA256.hex("fresh"))
        #expect(try hasher.hash(of: output) == SHA256.hex("fresh"))
        #expect(hasher.filesRead == 2)
    }

    @Test func aMissingFileHasNoHash() throws {
        let hasher = OutputStatCache(stateFile: stateFile)
        #expect(try hasher.hash(of: scratch.file("absent.png")) == nil)
        #expect(try hasher.hash(of: scratch.file("absent/inside.png")) == nil)
    }

    @Test func savesOnlyWhenSomethingChanged() throws {
        let output = scratch.file("hero.png")
        try writeSettled("hero pixels", to: output)
        let hasher = OutputStatCache(stateFile: stateFile)
        try hasher.save()
        #expect(!FileManager.default.fileExists(atPath: stateFile.path))
        _ = try hasher.hash(of: output)
        try hasher.save()
        let saved = try FileManager.default.attributesOfItem(atPath: stateFile.path)[.modificationDate] as? Date
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: stateFile.path)
        _ = try hasher.hash(of: output)
        try hasher.save()
        #expect(saved != nil)
        #expect(try FileManager.default.attributesOfItem(atPath: stateFile.path)[.modificationDate] as? Date
            == Date(timeIntervalSince1970: 0))
    }

    @Test func aCorruptStateFileMeansStartingOver() throws {
        try FileManager.default.createDirectory(at: stateFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: stateFile)
        let output = scratch.file("hero.png")
        try writeSettled("hero pixels", to: output)
        let hasher = OutputStatCache(stateFile: stateFile)
        #expect(try hasher.hash(of: output) == SHA256.hex("hero pixels"))
        #expect(hasher.filesRead == 1)
    }

    @Test func manyTasksCanHashAtOnce() async throws {
        let outputs = try (0..<64).map { index in
            let url = scratch.file("out-\(index).png")
            try writeSettled("pixels \(index)", to: url)
            return url
        }
        let hasher = OutputStatCache(stateFile: stateFile)
        let hashes = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for (index, url) in outputs.enumerated() { group.addTask { (index, try hasher.hash(of: url)) } }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(hashes == Dictionary(uniqueKeysWithValues: (0..<64).map { ($0, SHA256.hex("pixels \($0)")) }))
        #expect(hasher.filesRead == 64)
        try hasher.save()
        let reloaded = OutputStatCache(stateFile: stateFile)
        for url in outputs { _ = try reloaded.hash(of: url) }
        #expect(reloaded.filesRead == 0)
    }
}
