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

/// A rejected key is final: the request is not retried, the step does not fall back to another
/// provider (that would hide the broken key), and the key never appears in anything a person or
/// a log sees — not even when the provider echoes it back.
@Suite struct EndToEndKeys {
    private static let wrongSecret = "sk-e2e-wrong-9c2f71d4a6b38e05"

    @Test func aRejectedKeyIsNotRetriedNotFallenBackFromAndNeverShown() async throws {
        let emulator = try EndToEnd.emulator(accounts: ["echo", "spare"].map { EndToEnd.account($0) })
        defer { emulator.stop() }
        // A gateway that quotes the key it refused, as some do.
        emulator.inject(.apiError(status: 401, message: "Incorrect API key provided: \(EndToEnd.secret("echo")).",
                                  type: "invalid_request_error", code: "invalid_api_key"),
                        matching: .prompt(containing: EndToEnd.marker("echoed")))
        let providers = [
            EndToEnd.provider("wrong", .openai, at: emulator, account: "wrong"),
            EndToEnd.provider("echoing", .openai, at: emulator, account: "echo"),
            EndToEnd.provider("spare", .openai, at: emulator, account: "spare"),
        ]
        let steps = [
            EndToEnd.step("locked", "wrong:gpt-image-1", fallbacks: ["spare:gpt-image-1"]),
            EndToEnd.step("echoed", "echoing:gpt-image-1", fallbacks: ["spare:gpt-image-1"]),
        ]
        var environment = EndToEnd.environment(["echo", "spare"])
        environment[EndToEnd.keyVariable("wrong")] = Self.wrongSecret
        let recorder = EventRecorder()
        let report = try await EndToEnd.run(EndToEnd.manifest(providers, steps), environment: environment, observer: recorder)

        for id in ["locked", "echoed"] {
            guard case let .failed(reason)? = report.outcome(id)?.status else {
                Issue.record("\(id) did not fail: \(String(describing: report.outcome(id)))")
                continue
            }
            #expect(reason.contains("HTTP 401: Incorrect API key provided"), "\(id): \(reason)")
            #expect(report.outcome(id)?.requests == 1)
            #expect(emulator.requests(forStep: id).count == 1, "\(id) was retried or fell back")
        }
        #expect(emulator.requests(forStep: "locked").first?.key == .unrecognized)
        #expect(emulator.requests(forKey: "spare").isEmpty)
        #expect(recorder.retries.isEmpty && recorder.fallbacks.isEmpty)

        let secrets = [Self.wrongSecret, EndToEnd.secret("echo")]
        let printed = try PrintedRun.text(of: recorder.events, report: report)
        #expect(printed.contains("✗ locked"))
        for secret in secrets {
            #expect(!printed.contains(secret))
        }
    }

    @Test func theProvidersErrorDescriptionsNeverHoldTheKey() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("echo")])
        defer { emulator.stop() }
        let secret = EndToEnd.secret("echo")
        emulator.inject(.apiError(status: 401, message: "Incorrect API key provided: \(secret).",
                                  type: "invalid_request_error", code: "invalid_api_key"))
        let config = EndToEnd.provider("echoing", .openai, at: emulator, account: "echo")
        let context = ProviderContext(clock: SystemClock(), pacer: UnlimitedPacer(), environment: EndToEnd.environment(["echo"]))
        let provider = try StandardProviders.make(config, context)
        let error = await #expect(throws: ProviderError.self) {
            try await provider.generate(GenerationRequest(stepID: "direct", model: "gpt-image-1", prompt: "an asset",
                                                          parameters: GenerationParameters()))
        }
        let thrown = try #require(error)
        #expect(thrown.kind == .authentication)
        for text in [thrown.description, thrown.message, String(describing: thrown), String(reflecting: thrown),
                     thrown.localizedDescription] {
            #expect(!text.contains(secret))
        }
        #expect(thrown.message.contains("[redacted]"))
    }
}
