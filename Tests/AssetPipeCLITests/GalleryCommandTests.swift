import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeReporting
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// `assetpipe gallery REPORT.json [DIR]` as a user runs it, and `run --gallery DIR` as parsed.
@Suite struct GalleryCommandTests {
    private let cli = CLIHarness()

    /// A folder holding `out/hero.png` and `report.json` describing the run that made it.
    private func reportFolder(outputs: [String] = ["hero.png"]) throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gallery-cli-\(UUID().uuidString)")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let image = RasterImage(width: 8, height: 8, hasAlpha: false, pixels: Array(repeating: 128, count: 8 * 8 * 3))
        try ImageCodec.encode(image, .png(compressionLevel: 6)).write(to: out.appendingPathComponent("hero.png"))
        let document = ReportDocument(
            assetpipeVersion: AssetPipeVersion.current, manifest: "pack.json", manifestSha256: String(repeating: "0", count: 64),
            outputDir: out.path, startedAt: "2026-12-01T23:40:00Z", seconds: 1, result: .finished,
            totals: .init(steps: 1, generated: 1, cached: 0, outputsRerendered: 0, failed: 0, skipped: 0, interrupted: 0,
                          requests: 1, images: 1, filesWritten: 1, bytesWritten: 100, spent: 0, savedByCache: 0,
                          estimatedRemaining: 0),
            steps: [.init(id: "hero", status: .generated, prompt: "a hero", operation: "generate", model: "local:studio",
                          inputs: [], requests: 1, seconds: 0.1, attempts: [], fallbacks: [],
                          outputs: outputs.map { .init(path: $0, format: "png", written: true) }, images: [], notes: [],
                          revisedPrompts: [])])
        try document.encoded().write(to: folder.appendingPathComponent("report.json"))
        return folder
    }

    @Test func parsesTheReportAndAnOptionalFolder() throws {
        let bare = try ArgumentParser.parse(["gallery", "report.json"])
        #expect(bare.action == .execute(.gallery) && bare.reportPath == "report.json" && bare.galleryDirectory == nil)
        let placed = try ArgumentParser.parse(["gallery", "--quiet", "report.json", "site/gallery"])
        #expect(placed.galleryDirectory == "site/gallery" && placed.verbosity == .quiet)
        #expect(try ArgumentParser.parse(["run", "pack.json", "--gallery", "g"]).galleryDirectory == "g")
        #expect(try ArgumentParser.parse(["help", "gallery"]).action == .help(.command(.gallery)))
    }

    @Test(arguments: [
        (["gallery"], "missing report: usage: assetpipe gallery REPORT.json [DIR]"),
        (["gallery", "r.json", "g", "h"], "unexpected argument 'h': usage: assetpipe gallery REPORT.json [DIR]"),
        (["gallery", "r.json", "--jobs", "2"], "unknown option '--jobs' for 'gallery'"),
        (["run", "pack.json", "--gallery"], "--gallery needs a value"),
    ])
    func refusesWhatItCannotDo(arguments: [String], message: String) {
        #expect(throws: UsageError(message: message)) { try ArgumentParser.parse(arguments) }
    }

    @Test func writesTheGalleryBesideTheReportAndSaysWhere() async throws {
        let folder = try reportFolder()
        let result = await cli.run(["gallery", folder.appendingPathComponent("report.json").path])
        #expect(result.code == 0, "\(result.errorText)")
        let index = folder.appendingPathComponent("gallery/index.html")
        #expect(result.output == ["gallery: \(index.path) — 1 step, 1 thumbnail"])
        let html = String(decoding: try Data(contentsOf: index), as: UTF8.self)
        #expect(html.contains("href=\"../out/hero.png\""))
    }

    @Test func aMissingOutputIsANoteNotAFailureAndVerboseNamesIt() async throws {
        let folder = try reportFolder(outputs: ["hero.png", "gone.png"])
        let report = folder.appendingPathComponent("report.json").path
        let target = folder.appendingPathComponent("elsewhere").path
        let normal = await cli.run(["gallery", report, target])
        #expect(normal.code == 0)
        #expect(normal.errors == ["note: 1 output file is missing or unreadable and shown as a placeholder (--verbose lists them)"])
        #expect(normal.output.first?.hasPrefix("gallery: \(target)/index.html") == true)
        let verbose = await cli.run(["gallery", report, target, "--verbose"])
        #expect(verbose.errors == ["  ⚠ gone.png: missing: no file at gone.png"])
        let quiet = await cli.run(["gallery", report, target, "--quiet"])
        #expect(quiet.output.isEmpty && quiet.errors.isEmpty)
    }

    @Test(arguments: [
        ("", "no such file"),
        ("{ not json", "not JSON"),
        (#"{"succeeded": 1, "steps": []}"#, "not a run report: missing field report_version (is it a report written by assetpipe run --report?)"),
        (#"{"report_version": "one"}"#, "not a run report: report_version: expected an integer"),
    ])
    func aReportThatCannotBeReadExitsTwoSayingWhy(content: String, problem: String) async throws {
        let folder = try reportFolder()
        let report = folder.appendingPathComponent("broken.json")
        if !content.isEmpty { try Data(content.utf8).write(to: report) }
        let result = await cli.run(["gallery", report.path])
        #expect(result.code == 2)
        #expect(result.errorText.hasPrefix("error: \(report.path): \(problem)"), "\(result.errorText)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("gallery").path))
    }

    @Test func aRunWithGalleryWritesTheGalleryOfThatRun() async throws {
        let manifest = try CLIHarness.writeManifest("""
            { "version": 1, "defaults": { "model": "local:studio", "size": "64x64" },
              "steps": [ { "id": "a", "prompt": "a red kite", "outputs": [ { "path": "a.png" } ] },
                         { "id": "b", "prompt": "at night", "image": "@a", "outputs": [ { "path": "b.webp" } ] } ] }
            """)
        let gallery = manifest.deletingLastPathComponent().appendingPathComponent("g")
        let result = await cli.run(["run", manifest.path, "--gallery", gallery.path, "--quiet"])
        #expect(result.code == 0, "\(result.errorText)")
        let html = String(decoding: try Data(contentsOf: gallery.appendingPathComponent("index.html")), as: UTF8.self)
        #expect(html.contains("href=\"../out/b.webp\"") && html.contains("href=\"#step-a\""), "the run's outputs and chain")
        let shown = await cli.run(["run", manifest.path, "--gallery", gallery.path])
        #expect(shown.errors.contains("gallery: \(gallery.path)/index.html — 2 steps, 2 thumbnails"), "cached steps are shown too")
        #expect(shown.output.isEmpty, "a run's stdout is left to --events -")
    }

    @Test func helpDescribesTheCommandAndRunsOption() async {
        let gallery = await cli.run(["help", "gallery"])
        #expect(gallery.output.joined().contains("Usage: assetpipe gallery REPORT.json [DIR]"))
        let run = await cli.run(["help", "run"])
        #expect(run.output.joined().contains("--gallery DIR"))
        let overview = await cli.run(["--help"])
        #expect(overview.output.joined().contains("gallery    an HTML contact sheet"))
    }
}
