import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeReporting
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// `run --report FILE`: the whole run as a document — every attempt with its HTTP status and
/// what followed it, fallbacks, edit inputs, outputs as they are on disk, totals, and where the
/// run came from — checked against what the emulator saw and the files written.
@Suite struct EndToEndReportTests {
    private static let secret = "sk-report-test-8c1e5d"

    private static func manifest(at emulator: ProviderEmulator) -> String {
        #"""
        {"version": 1,
         "providers": {"gw": {"api": "openai", "base_url": "\#(emulator.openAIBaseURL.absoluteString)", "api_key_env": "GW_KEY",
                              "timeout_s": 5, "retry": {"max_attempts": 2, "initial_backoff_s": 0.01, "max_backoff_s": 0.05}}},
         "steps": [
           {"id": "hero", "model": "gw:gpt-image-1", "prompt": "a hero <hero>", "size": "1024x1024",
            "outputs": [{"path": "hero.png"}, {"path": "thumbs/hero.webp", "resize": "16x16", "quality": 80}]},
           {"id": "hero-night", "model": "gw:gpt-image-1", "prompt": "the hero at night <hero-night>", "image": "@hero",
            "outputs": [{"path": "hero-night.png"}]},
           {"id": "banner", "model": "gw:dall-e-3", "fallbacks": ["gw:gpt-image-1"], "prompt": "a banner <banner>",
            "outputs": [{"path": "banner.png"}]},
           {"id": "refused", "model": "gw:gpt-image-1", "prompt": "something refused <refused>",
            "outputs": [{"path": "refused.png"}]}
         ]}
        """#
    }

    private func report(_ folder: URL) throws -> ReportDocument {
        try ReportDocument.decode(try Data(contentsOf: folder.appendingPathComponent("report.json")))
    }

    @Test func everyAttemptOutputAndTotalIsInTheReportAndASecondRunReportsTheCachedFiles() async throws {
        let emulator = ProviderEmulator(EmulatorConfiguration(keys: [EmulatorKey(label: "gw", secret: Self.secret)],
                                                              imageFactory: EndToEnd.realImages))
        try emulator.start()
        defer { emulator.stop() }
        emulator.inject(.rateLimited(retryAfterSeconds: nil, retryAfterMs: 10), matching: .marker("<hero>"), times: 1)
        emulator.inject(.contentPolicy, matching: .model("dall-e-3"), times: 1)
        emulator.inject(.contentPolicy, matching: .marker("<refused>"), times: 5)
        let file = try CLIHarness.writeManifest(Self.manifest(at: emulator))
        let folder = file.deletingLastPathComponent()
        let cli = CLIHarness(environment: ["GW_KEY": Self.secret])
        let arguments = ["run", file.path, "--report", folder.appendingPathComponent("report.json").path,
                         "--junit", folder.appendingPathComponent("junit.xml").path]

        #expect(await cli.run(arguments).code == 1)
        let first = try report(folder)
        #expect(first.assetpipeVersion == AssetPipeVersion.current)
        #expect(first.manifestSha256 == SHA256.hex(try Data(contentsOf: file)))
        #expect(first.outputDir == folder.appendingPathComponent("out").standardizedFileURL.path)
        #expect(first.result == .failed)
        #expect(first.steps.map(\.id).sorted() == ["banner", "hero", "hero-night", "refused"])
        let steps = Dictionary(uniqueKeysWithValues: first.steps.map { ($0.id, $0) })

        let hero = try #require(steps["hero"])
        #expect(hero.status == .generated && hero.size == "1024x1024" && hero.prompt == "a hero <hero>")
        #expect(hero.attempts.map(\.disposition) == [.retried, .succeeded])
        #expect(hero.attempts.map(\.httpStatus) == [429, nil])
        #expect(hero.attempts.allSatisfy { $0.provider == "gw" && $0.model == "gw:gpt-image-1" })
        #expect(hero.requests == 2)
        #expect(hero.outputs.map(\.path) == ["hero.png", "thumbs/hero.webp"])
        for output in hero.outputs {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: first.outputDir).appendingPathComponent(output.path))
            let header = try ImageCodec.header(of: bytes)
            #expect(output.written && output.bytes == bytes.count && output.sha256 == SHA256.hex(bytes))
            #expect(output.width == header.width && output.height == header.height && output.format == header.format.rawValue)
        }

        let night = try #require(steps["hero-night"])
        #expect(night.operation == "generate" && night.inputs == [.init(role: "image", step: "hero")])

        let banner = try #require(steps["banner"])
        #expect(banner.model == "gw:gpt-image-1")
        #expect(banner.attempts.map(\.disposition) == [.fellBack, .succeeded])
        #expect(banner.attempts.first?.httpStatus == 400)
        #expect(banner.fallbacks.map { "\($0.from) → \($0.to)" } == ["gw:dall-e-3 → gw:gpt-image-1"])

        let refused = try #require(steps["refused"])
        #expect(refused.status == .failed && refused.reason?.contains("HTTP 400") == true)
        #expect(refused.attempts.map(\.disposition) == [.failed])
        #expect(refused.outputs.isEmpty)

        #expect(first.totals.steps == 4 && first.totals.generated == 3 && first.totals.failed == 1)
        #expect(first.totals.requests == 6)
        #expect(first.totals.requests == emulator.requests { $0.method == "POST" }.count)
        #expect(first.totals.filesWritten == 4)
        #expect(first.totals.bytesWritten == first.steps.flatMap(\.outputs).reduce(0) { $0 + ($1.bytes ?? 0) })
        #expect(!String(decoding: try Data(contentsOf: folder.appendingPathComponent("report.json")), as: UTF8.self)
            .contains(Self.secret))

        // The JUnit file says the same: one testcase per step, a failure exactly for the failed one.
        let junit = try XMLDocument(contentsOf: folder.appendingPathComponent("junit.xml"), options: [])
        let cases = try #require(junit.rootElement()?.elements(forName: "testsuite").first).elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue ?? "" } == first.steps.map(\.id))
        #expect(cases.filter { !$0.elements(forName: "failure").isEmpty }.map { $0.attribute(forName: "name")?.stringValue } == ["refused"])

        // A second run makes no new requests for what succeeded: those steps are cached, their
        // outputs described from the lockfile.
        _ = await cli.run(arguments)
        let second = try report(folder)
        let cachedHero = try #require(second.steps.first { $0.id == "hero" })
        #expect(cachedHero.status == .cached && cachedHero.requests == 0 && cachedHero.attempts.isEmpty)
        #expect(cachedHero.outputs.map(\.written) == [false, false])
        #expect(cachedHero.outputs.map(\.sha256) == hero.outputs.map(\.sha256))
        #expect(cachedHero.outputs.map(\.bytes) == hero.outputs.map(\.bytes))
        #expect(cachedHero.outputs.map(\.width) == hero.outputs.map(\.width))
        #expect(second.totals.cached == 3 && second.totals.filesWritten == 0 && second.totals.bytesWritten == 0)
    }
}
