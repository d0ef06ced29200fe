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

/// A result image served by URL is already generated and paid for: when fetching it fails, the
/// fetch is retried, never the generation.
@Suite struct EndToEndDownloads {
    @Test func aResetDownloadIsFetchedAgainAndTheGenerationIsPostedOnce() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("cdn")],
                                             models: ["dall-e-3": ModelBehavior(answersWithURL: true)])
        defer { emulator.stop() }
        emulator.inject(.connectionReset, matching: .pathPrefix("/files/"))
        emulator.inject(.status(503, retryAfter: "0"), matching: .pathPrefix("/files/"))
        let report = try await EndToEnd.run(
            EndToEnd.manifest([EndToEnd.provider("cdn", .openai, at: emulator, account: "cdn")],
                              [EndToEnd.step("hero", "cdn:dall-e-3")]),
            environment: EndToEnd.environment(["cdn"]))

        #expect(report.succeeded == 1)
        #expect(report.outcomes.first?.requests == 1)
        #expect(emulator.requests(forStep: "hero").count == 1)
        #expect(emulator.requests { $0.path.hasPrefix("/files/") }.count == 3)
    }
}
