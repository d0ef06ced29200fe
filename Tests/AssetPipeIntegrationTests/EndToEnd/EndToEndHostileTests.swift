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

/// A run whose provider answers with more than the cap: the step fails on its first attempt
/// with the size in its reason, is not retried (the next answer would be as large) and writes
/// nothing, while the run holds no more than the cap (here nothing: the declared length is
/// refused before the body).
@Suite struct EndToEndHostileAnswers {
    @Test func anAnswerDeclaringFourGigabytesFailsTheStepOnceAndWritesNothing() async throws {
        let server = try HostileServer(.oversizedBody(declaredLength: 4 << 30, streamedLength: 4 << 30))
        defer { server.stop() }
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("hostile")])
        defer { emulator.stop() }
        let provider = EndToEnd.provider("hostile", .openai, at: emulator, account: "hostile", baseURL: server.url("/v1"))
        let manifest = EndToEnd.manifest([provider], [EndToEnd.step("hero", "hostile:gpt-image-1",
                                                                    outputs: [OutputSpec(path: "hero.png", format: .png)])])
        let report = try await EndToEnd.run(manifest, environment: EndToEnd.environment(["hostile"]))

        #expect(report.failed == 1)
        #expect(report.outcomes.first?.status == .failed(reason: "hostile:gpt-image-1 failed after 1 attempt: HTTP 200: the answer from 127.0.0.1 "
            + "is 4294967296 bytes, more than the 268435456 accepted"))
        #expect(server.requests == 1)
        #expect(report.filesWritten == 0)
        #expect(!FileManager.default.fileExists(atPath: manifest.outputDirectory.appendingPathComponent("hero.png").path))
    }
}
