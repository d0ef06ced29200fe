import Foundation
import Testing
@testable import AssetPipeReporting

/// The small rules the page is built from: anchors, relative links, the order of cards.
@Suite struct GalleryPiecesTests {
    @Test func anchorsKeepPlainIdsReadableAndEncodeEverythingElseOneToOne() {
        #expect(StepAnchor.id(for: "hero-night.v2") == "step-hero-night.v2")
        #expect(StepAnchor.id(for: "a_b") == "step-a_5fb")
        #expect(StepAnchor.id(for: "a b\"") == "step-a_20b_22")
        #expect(StepAnchor.id(for: "é") == "step-_c3_a9")
        #expect(StepAnchor.id(for: "a_20b") != StepAnchor.id(for: "a b"), "an escape cannot be forged by an id")
        #expect(StepAnchor.id(for: "x", occurrence: 2) == "step-x~2")
    }

    @Test func outputLinksAreRelativeFromTheGalleryToTheOutputFolder() throws {
        let beside = try OutputLinks(outputDirectory: "/work/pack/out", galleryFolder: URL(fileURLWithPath: "/work/pack/gallery"))
        #expect(beside.href(for: "icons/sword 1.png") == "../out/icons/sword%201.png")
        let inside = try OutputLinks(outputDirectory: "/work/pack/out", galleryFolder: URL(fileURLWithPath: "/work/pack/out/gallery"))
        #expect(inside.href(for: "hero.png") == "../hero.png")
        let same = try OutputLinks(outputDirectory: "/work/out/", galleryFolder: URL(fileURLWithPath: "/work/out"))
        #expect(same.href(for: "a:b.png") == "a%3Ab.png", "a colon never reads as a scheme")
        #expect(beside.file(for: "../x.png") == nil && beside.file(for: "/etc/passwd") == nil && beside.file(for: "a/../../x") == nil)
        #expect(beside.file(for: "a/../b.png")?.path == "/work/pack/out/b.png")
    }

    @Test func cardsFollowTheReportWithEachEditRightAfterItsLastParent() {
        func step(_ id: String, _ parents: String...) -> ReportDocument.StepEntry {
            GalleryFixture.step(id, .generated, inputs: parents.map { .init(role: "image", step: $0) })
        }
        let layout = GalleryLayout([step("mix", "a", "b"), step("a"), step("c"), step("a2", "a"), step("b"), step("gone", "nowhere")])
        #expect(layout.cards.map(\.step.id) == ["a", "a2", "c", "b", "mix", "gone"])
        #expect(layout.cards.first?.usedBy.map(\.id) == ["a2", "mix"])
        #expect(layout.cards.last?.inputs == [.init(role: "image", source: .unlistedStep("nowhere"))])
    }

    @Test func aCycleOrARepeatedIdInAHandMadeReportStillShowsEveryStepOnce() {
        let steps = [GalleryFixture.step("x", .generated, inputs: [.init(role: "image", step: "y")]),
                     GalleryFixture.step("y", .generated, inputs: [.init(role: "image", step: "x")]),
                     GalleryFixture.step("x", .failed)]
        let layout = GalleryLayout(steps)
        #expect(layout.cards.map(\.anchor).sorted() == ["step-x", "step-x~2", "step-y"])
        #expect(layout.cards.count == 3)
    }

    @Test func htmlEscapingCoversTextAndQuotedAttributes() {
        #expect(HTML.escaped(#"<a href="x">Tom & 'Jerry'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; 'Jerry'&lt;/a&gt;")
        #expect(HTML.escaped("line\nnext\u{0}\u{7}") == "line&#10;next\u{FFFD}\u{FFFD}")
    }
}
