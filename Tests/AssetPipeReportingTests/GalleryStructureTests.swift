import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeReporting

/// The gallery checked as a browser would read it, without a browser: a strictly well-formed
/// page that loads nothing from outside, a card per step with what a designer scans for, links
/// and pictures that all resolve, and thumbnails made from the real files.
@Suite struct GalleryStructureTests {
    /// A run with every status, an edit chain, two outputs with the same bytes, a missing file
    /// and a file that is not an image.
    static func standardRun(_ fixture: GalleryFixture) throws -> ReportDocument {
        let hero = try fixture.writeImage("hero.png", width: 400, height: 300, alpha: true)
        let heroSmall = try fixture.writeImage("thumbs/hero.webp", width: 200, height: 150, alpha: true, as: .webp(quality: 80))
        let night = try fixture.writeImage("hero-night.jpg", width: 400, height: 300, shade: 40, as: .jpeg(quality: 85))
        let sword = try fixture.writeImage("icons/sword-0.png", width: 256, height: 256, shade: 90)
        try fixture.write(try Data(contentsOf: fixture.outputs.appendingPathComponent("icons/sword-0.png")), to: "icons/sword-1.png")
        var twin = sword
        twin.path = "icons/sword-1.png"
        let banner = try fixture.writeImage("banner.webp", width: 480, height: 320, shade: 150, as: .webp(quality: 85))
        try fixture.write(Data("not an image at all".utf8), to: "broken.png")
        let lost = ReportDocument.OutputEntry(path: "lost.png", format: "png", written: true)
        let broken = ReportDocument.OutputEntry(path: "broken.png", format: "png", written: true)
        return fixture.report([
            GalleryFixture.step("hero", .generated, prompt: "a hero on a cliff at dawn", cost: 0.042, outputs: [hero, heroSmall]),
            GalleryFixture.step("icons", .cached, prompt: "flat game icon of a sword", model: "local:studio", outputs: [sword, twin]),
            GalleryFixture.step("logo", .failed, prompt: "a logo", reason: "HTTP 400: Your request was rejected by the safety system"),
            GalleryFixture.step("hero-night", .generated, prompt: "make it night", inputs: [.init(role: "image", step: "hero")],
                      cost: 0.042, outputs: [night]),
            GalleryFixture.step("logo-dark", .skipped, prompt: "the logo, dark", reason: "upstream 'logo' failed",
                      inputs: [.init(role: "image", step: "logo")]),
            GalleryFixture.step("banner", .outputsRerendered, prompt: "a wide banner of a castle", outputs: [banner]),
            GalleryFixture.step("odd", .generated, prompt: "files that went astray", outputs: [lost, broken]),
        ])
    }

    /// The standard run's gallery, built once: these specs only read it.
    private static let shared = Task { () async throws -> Built in
        let fixture = GalleryFixture()
        let report = try standardRun(fixture)
        let (summary, text) = try await fixture.build(report)
        return Built(fixture: fixture, report: report, summary: summary, text: text, page: try StrictHTML(parsing: text))
    }

    private struct Built: Sendable {
        var fixture: GalleryFixture
        var report: ReportDocument
        var summary: GallerySummary
        var text: String
        var page: StrictHTML
    }

    private func built() async throws -> (GalleryFixture, ReportDocument, GallerySummary, String, StrictHTML) {
        let built = try await Self.shared.value
        return (built.fixture, built.report, built.summary, built.text, built.page)
    }

    private func cards(_ page: StrictHTML) -> [StrictHTML.Element] {
        page.root.all("article").filter { $0.hasClass("step") }
    }

    @Test func thePageIsWellFormedSelfContainedAndLetsNothingElseLoad() async throws {
        let (_, _, _, text, page) = try await built()
        #expect(!text.contains("http:") && !text.contains("https:"), "no web address anywhere")
        #expect(page.root.all("link").isEmpty, "no stylesheet or icon is linked")
        let scripts = page.root.all("script")
        let styles = page.root.all("style")
        #expect(scripts.count == 1 && scripts.allSatisfy { $0["src"] == nil }, "one inline script")
        #expect(styles.count == 1)
        let policies = page.root.all("meta").filter { $0["http-equiv"] == "Content-Security-Policy" }
        let policy = try #require(policies.first?["content"])
        #expect(policies.count == 1)
        #expect(policy.hasPrefix("default-src 'none'; img-src 'self' file: data:;"))
        #expect(policy.contains("script-src '\(ContentSecurityPolicy.hash(scripts[0].text))'"), "the policy lets its own script run")
        #expect(policy.contains("style-src '\(ContentSecurityPolicy.hash(styles[0].text))'"), "and its own style apply")
        #expect(!policy.contains("unsafe"))
        let head = try #require(page.root.all("head").first)
        #expect(head.descendants.first?.name == "meta" && head.descendants.first?["charset"] == "utf-8")
        #expect(head.descendants.dropFirst().first?["http-equiv"] == "Content-Security-Policy", "before anything it governs")
        for element in page.root.descendants {
            #expect(element.attributes.keys.allSatisfy { !$0.hasPrefix("on") }, "no event handler attributes")
            #expect(element["style"] == nil, "no inline style attributes (the policy would block them)")
        }
    }

    @Test func everyPictureAndLinkPointsAtAFileOrACardThatExists() async throws {
        let (fixture, _, _, _, page) = try await built()
        let ids = Set(page.root.descendants.compactMap { $0["id"] })
        let targets = page.root.all("img").compactMap { $0["src"] } + page.root.all("a").compactMap { $0["href"] }
        #expect(targets.count > 20)
        for target in targets {
            #expect(!target.hasPrefix("//") && !target.contains(":"), "\(target) is relative, with no scheme")
            if target.hasPrefix("#") {
                #expect(ids.contains(String(target.dropFirst())), "\(target) names a card")
            } else {
                #expect(FileManager.default.fileExists(atPath: fixture.galleryFile(target).path), "\(target) exists")
            }
        }
        let links = Set(page.root.all("a").compactMap { $0["href"] })
        #expect(links.contains("../out/hero.png") && links.contains("../out/icons/sword-1.png"), "full files, relative")
    }

    @Test func everyStepHasOneCardWithItsIdStatusModelAndPrompt() async throws {
        let (_, report, summary, _, page) = try await built()
        let cards = cards(page)
        #expect(cards.count == report.steps.count && summary.steps == report.steps.count)
        for step in report.steps {
            let mine = cards.filter { $0["data-step"] == step.id }
            #expect(mine.count == 1, "\(step.id) appears once")
            guard let card = mine.first else { continue }
            #expect(card["id"] == StepAnchor.id(for: step.id))
            #expect(card["data-status"] == step.status.rawValue)
            #expect(card.all("h2").first?.text == step.id)
            #expect(card.descendants.first { $0.hasClass("badge") }?.text.contains(StatusBadge(step.status).label) == true)
            #expect(card.all("summary").first?.text == step.prompt, "the full prompt is there, clamped only by CSS")
            if let model = step.model { #expect(card.text.contains(model)) }
            if let cost = step.cost { #expect(card.text.contains(String(format: "$%.3f", cost))) }
        }
    }

    @Test func failedAndSkippedStepsSayWhy() async throws {
        let (_, _, _, _, page) = try await built()
        let cards = cards(page)
        let logo = try #require(cards.first { $0["data-step"] == "logo" })
        #expect(logo.descendants.first { $0.hasClass("error") }?.text == "error: HTTP 400: Your request was rejected by the safety system")
        #expect(logo.descendants.contains { $0.hasClass("placeholder") && $0.text.contains("failed") }, "a failed tile, not a gap")
        let dark = try #require(cards.first { $0["data-step"] == "logo-dark" })
        #expect(dark.text.contains("skipped: upstream 'logo' failed"))
    }

    @Test func anEditChainReadsParentToChildAndLinksBothWays() async throws {
        let (_, _, _, _, page) = try await built()
        let cards = cards(page)
        let order = cards.compactMap { $0["data-step"] }
        #expect(order == ["hero", "hero-night", "icons", "logo", "logo-dark", "banner", "odd"], "each edit right after its parent")
        let night = try #require(cards.first { $0["data-step"] == "hero-night" })
        let parentLink = night.descendants.first { $0.hasClass("chain") }
        #expect(parentLink?.text == "edit of ←hero")
        #expect(parentLink?.all("a").first?["href"] == "#" + StepAnchor.id(for: "hero"))
        let hero = try #require(cards.first { $0["data-step"] == "hero" })
        let children = hero.descendants.first { $0.hasClass("chain") }
        #expect(children?.text == "used by →hero-night")
        #expect(children?.all("a").first?["href"] == "#" + StepAnchor.id(for: "hero-night"))
    }

    @Test func thumbnailsDecodeFitTheBoxKeepAlphaAndMatchTheirImgSize() async throws {
        let (fixture, _, summary, _, page) = try await built()
        let images = page.root.all("img")
        #expect(images.count == 6 && summary.thumbnails == 6, "every readable output has a thumbnail")
        for image in images {
            let source = try #require(image["src"])
            #expect(source.hasPrefix("thumbnails/") && source.hasSuffix(".webp"))
            #expect(image["loading"] == "lazy")
            let data = try Data(contentsOf: fixture.galleryFile(source))
            let decoded = try ImageCodec.decode(data)
            #expect(ImageCodec.sniff(data) == .webp)
            #expect(max(decoded.width, decoded.height) <= ThumbnailMaker.box.width)
            #expect(image["width"] == "\(decoded.width)" && image["height"] == "\(decoded.height)", "no layout shift")
        }
        func thumbnail(of path: String) throws -> RasterImage {
            let link = try #require(page.root.all("a").first { $0["href"] == "../out/" + path })
            let source = try #require(link.all("img").first?["src"])
            return try ImageCodec.decode(try Data(contentsOf: fixture.galleryFile(source)))
        }
        let banner = try thumbnail(of: "banner.webp")
        #expect((banner.width, banner.height) == (320, 213), "aspect kept")
        let small = try thumbnail(of: "thumbs/hero.webp")
        #expect((small.width, small.height) == (200, 150), "never enlarged")
        #expect(try thumbnail(of: "hero.png").hasAlpha, "transparency survives, shown over a checkerboard")
    }

    @Test func aMissingOrBrokenFileGetsAPlaceholderWithTheReasonNotAFailure() async throws {
        let (_, _, summary, _, page) = try await built()
        #expect(summary.unavailable.map(\.path) == ["lost.png", "broken.png"])
        let odd = try #require(cards(page).first { $0["data-step"] == "odd" })
        let placeholders = odd.descendants.filter { $0.hasClass("placeholder") }.map(\.text)
        #expect(placeholders.count == 2)
        #expect(placeholders.first?.contains("missing: no file at lost.png") == true)
        #expect(placeholders.last?.contains("broken.png") == true)
        #expect(odd.all("a").allSatisfy { $0["href"]?.contains("lost.png") != true }, "no link to a file that is not there")
    }

    @Test func theHeaderShowsTheRunAndItsTotals() async throws {
        let (_, _, _, _, page) = try await built()
        let header = try #require(page.root.all("header").first { $0.hasClass("run") })
        #expect(header.all("h1").first?.text == "pack.json")
        #expect(header.text.contains("2026-12-01 23:40 UTC") && header.text.contains("assetpipe 0.1.0"))
        let totals = Dictionary(uniqueKeysWithValues: header.all("div").compactMap { entry -> (String, String)? in
            guard let name = entry.all("dt").first?.text, let value = entry.all("dd").first?.text else { return nil }
            return (name, value)
        })
        #expect(totals["steps"] == "7" && totals["images"] == "6" && totals["failed"] == "1")
        #expect(totals["spent"] == "$0.168" && totals["saved by cache"] == "$0.084")
        #expect(page.root.descendants.first { $0["id"] == "toolbar" }?["hidden"] != nil, "no dead filter box without scripts")
    }
}
