import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeReporting

/// A report is input like any other: whatever its texts hold, they come out as text, the page
/// stays well-formed, and no path in it reaches outside the output folder.
@Suite struct GalleryHostileReportTests {
    static let prompt = #"</script><img src=x onerror=alert(1)> & "quotes" 'too' <!-- --> </summary>"#
    static let id = #"a"b'c<d>&e f"#

    private func hostileGallery() async throws -> (GalleryFixture, String, StrictHTML) {
        let fixture = GalleryFixture()
        let spaced = try fixture.writeImage("my file #1?.png", width: 32, height: 32)
        let escape = ReportDocument.OutputEntry(path: "../outside.png", format: "png", written: true)
        try fixture.writeImage("../outside.png", width: 32, height: 32)
        let report = fixture.report([
            GalleryFixture.step(Self.id, .generated, prompt: Self.prompt, model: "<b>model</b>",
                                outputs: [spaced, escape]),
            GalleryFixture.step("child", .failed, prompt: "x", reason: "<script>alert('reason')</script>",
                                inputs: [.init(role: "image", step: Self.id), .init(role: "mask", file: "<mask>.png")]),
        ])
        let (_, text) = try await fixture.build(report)
        return (fixture, text, try StrictHTML(parsing: text))
    }

    @Test func reportTextsComeOutAsTextAndThePageStaysWellFormed() async throws {
        let (_, text, page) = try await hostileGallery()
        #expect(!text.contains("<img src=x") && !text.contains("<b>model") && !text.contains("<script>alert"))
        #expect(page.root.all("script").count == 1)
        #expect(page.root.all("img").allSatisfy { $0["src"]?.hasPrefix("thumbnails/") == true })
        let card = try #require(page.root.all("article").first)
        #expect(card["data-step"] == Self.id)
        #expect(card.all("summary").first?.text == Self.prompt)
        #expect(card.all("h2").first?.text == Self.id)
        #expect(card.text.contains("<b>model</b>"))
        let child = try #require(page.root.all("article").last)
        #expect(child.text.contains("error: <script>alert('reason')</script>"))
        #expect(child.text.contains("mask from ←<mask>.png"))
    }

    @Test func anIdWithQuotesStillMakesASafeAnchorThatItsEditLinksTo() async throws {
        let (_, _, page) = try await hostileGallery()
        let anchor = try #require(page.root.all("article").first?["id"])
        #expect(anchor.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~".contains($0)) })
        let link = page.root.all("article").last?.descendants.first { $0.hasClass("chain") }?.all("a").first
        #expect(link?["href"] == "#" + anchor)
    }

    @Test func outputPathsAreEncodedInLinksAndNeverLeaveTheOutputFolder() async throws {
        let (fixture, _, page) = try await hostileGallery()
        let hrefs = page.root.all("a").compactMap { $0["href"] }.filter { !$0.hasPrefix("#") }
        #expect(hrefs == ["../out/my%20file%20%231%3F.png", "../out/my%20file%20%231%3F.png"], "tile and file list")
        #expect(FileManager.default.fileExists(atPath: fixture.galleryFile(hrefs[0]).path))
        let placeholder = page.root.descendants.first { $0.hasClass("placeholder") }
        #expect(placeholder?.text.contains("refused: ../outside.png is outside the output folder") == true)
    }
}
