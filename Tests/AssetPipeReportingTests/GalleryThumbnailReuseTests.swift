import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeReporting
@testable import AssetPipeTestSupport

/// Thumbnails are named by the bytes they show: the same bytes share one, a rebuild makes none
/// it already has, the ones nothing shows any more go, and a write that fails says where.
@Suite struct GalleryThumbnailReuseTests {
    private func thumbnailFiles(_ fixture: GalleryFixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixture.gallery.appendingPathComponent("thumbnails").path).sorted()
    }

    @Test func twoOutputsWithTheSameBytesShareOneThumbnail() async throws {
        let fixture = GalleryFixture()
        let report = try GalleryStructureTests.standardRun(fixture)
        let (_, text) = try await fixture.build(report)
        let page = try StrictHTML(parsing: text)
        let sources = page.root.all("a").filter { $0["href"]?.hasPrefix("../out/icons/") == true }.compactMap { $0.all("img").first?["src"] }
        #expect(sources.count == 2 && Set(sources).count == 1)
        #expect(try thumbnailFiles(fixture).count == 5, "6 thumbnails shown, 5 distinct files")
    }

    @Test func aRebuildWritesOnlyTheIndexAndShowsTheSame() async throws {
        let fixture = GalleryFixture()
        let report = try GalleryStructureTests.standardRun(fixture)
        let (_, first) = try await fixture.build(report)
        let storage = FaultyStorage()
        let (_, second) = try await fixture.build(report, storage: storage)
        #expect(storage.writes == [fixture.gallery.appendingPathComponent("index.html").standardizedFileURL.path])
        #expect(second == first)
    }

    @Test func thumbnailsNothingShowsAnyMoreAreRemovedAndOtherFilesKept() async throws {
        let fixture = GalleryFixture()
        let hero = try fixture.writeImage("hero.png", width: 64, height: 64)
        let report = fixture.report([GalleryFixture.step("hero", .generated, outputs: [hero])])
        _ = try await fixture.build(report)
        let before = try thumbnailFiles(fixture)
        try Data("mine".utf8).write(to: fixture.gallery.appendingPathComponent("thumbnails/notes.txt"))
        try fixture.writeImage("hero.png", width: 64, height: 64, shade: 200)
        _ = try await fixture.build(report)
        let after = try thumbnailFiles(fixture)
        #expect(before.count == 1 && after.count == 2 && after.contains("notes.txt"))
        #expect(Set(after).isDisjoint(with: before), "the old picture's thumbnail is gone")
    }

    @Test func aWriteThatFailsIsAnErrorNamingItsPathAndLeavesNoIndex() async throws {
        let fixture = GalleryFixture()
        let report = try GalleryStructureTests.standardRun(fixture)
        await #expect {
            _ = try await fixture.build(report, storage: FaultyStorage(failing: 2))
        } throws: { error in
            guard case let .cannotWrite(failure) = error as? GalleryError else { return false }
            return failure.path.contains("/gallery/thumbnails/") && "\(error)".contains("No space left on device")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.gallery.appendingPathComponent("index.html").path))
    }

    @Test func aReportWhoseOutputFolderIsNotAbsoluteIsRefused() async throws {
        let fixture = GalleryFixture()
        var report = fixture.report([])
        report.outputDir = "out"
        await #expect(throws: GalleryError.invalidReport("output_dir must be an absolute path, found 'out'")) {
            _ = try await fixture.build(report)
        }
    }
}
