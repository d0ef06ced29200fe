import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A step whose models fail for good moves down its fallback list; the report and the progress
/// line name the model that produced the image and why each earlier one was passed over.
@Suite struct EndToEndFallbacks {
    private static let moderation = "Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com."
    private static let quota = "You exceeded your current quota, please check your plan and billing details."

    @Test func contentPolicyThenQuotaThenSuccess() async throws {
        let accounts = ["openai", "opper", "gateway"]
        let emulator = try EndToEnd.emulator(accounts: accounts.map { EndToEnd.account($0) })
        defer { emulator.stop() }
        emulator.inject(.contentPolicy, matching: .path("/v1/images/generations") && .model("gpt-image-1"))
        emulator.inject(.insufficientQuota, matching: .path("/v3/images"))
        let providers = [
            EndToEnd.provider("openai", .openai, at: emulator, account: "openai"),
            EndToEnd.provider("opper", .opper, at: emulator, account: "opper"),
            EndToEnd.provider("gateway", .openai, at: emulator, account: "gateway"),
        ]
        let hero = EndToEnd.step("hero", "openai:gpt-image-1",
                                 fallbacks: ["opper:openai/gpt-image-1", "gateway:gemini-2.5-flash-image"],
                                 parameters: GenerationParameters.with(size: PixelSize(width: 1536, height: 1024), quality: "high"))
        let recorder = EventRecorder()
        let report = try await EndToEnd.run(EndToEnd.manifest(providers, [hero]), environment: EndToEnd.environment(accounts),
                                            observer: recorder)

        let outcome = try #require(report.outcome("hero"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "gateway", model: "gemini-2.5-flash-image"))
        #expect(outcome.requests == 3)
        #expect(outcome.notes.first == "openai:gpt-image-1 failed after 1 attempt: HTTP 400: \(Self.moderation)")
        #expect(outcome.notes.dropFirst().first == "opper:openai/gpt-image-1 failed after 1 attempt: HTTP 429: \(Self.quota)")
        #expect(Array(outcome.notes.dropFirst(2)) == [
            "size 1536x1024 sent as aspect_ratio 3:2: gemini-2.5-flash-image is sized by aspect ratio",
            "dropped quality high: gemini-2.5-flash-image does not take it",
        ])
        #expect(recorder.fallbacks.map { "\($0.from) → \($0.to)" } == [
            "openai:gpt-image-1 → opper:openai/gpt-image-1",
            "opper:openai/gpt-image-1 → gateway:gemini-2.5-flash-image",
        ])

        // The emulator saw the three models in fallback order, one request each, and the last
        // one got the bridged parameters.
        let requests = emulator.requests(forStep: "hero")
        #expect(requests.map(\.path) == ["/v1/images/generations", "/v3/images", "/v1/images/generations"])
        #expect(requests.map(\.model) == ["gpt-image-1", "openai/gpt-image-1", "gemini-2.5-flash-image"])
        #expect(requests.map(\.status) == [400, 429, 200])
        #expect(requests.last?.key.label == "gateway")
        #expect(requests.last?.body.json?["aspect_ratio"] == .string("3:2"))
        #expect(requests.last?.body.json?["size"] == nil && requests.last?.body.json?["quality"] == nil)

        // The progress line names the model that made the image and why the others were skipped.
        let printed = try PrintedRun.text(of: recorder.events, report: report)
        #expect(printed.contains("✓ hero  gateway:gemini-2.5-flash-image"))
        #expect(printed.contains("note: openai:gpt-image-1 failed after 1 attempt: HTTP 400: \(Self.moderation)"))
        #expect(printed.contains("HTTP 429: \(Self.quota)"))
    }
}
