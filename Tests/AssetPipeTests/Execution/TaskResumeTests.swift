import Foundation
import ProviderEmulator
import Testing
@testable import AssetPipe

/// An async task submitted by a run that was interrupted is collected by the next run, not paid
/// for again.
@Suite struct TaskResumeTests {
    @Test func aTaskSubmittedBeforeAnInterruptIsCollectedByTheNextRun() async throws {
        let pixels = RasterImage(width: 16, height: 16, hasAlpha: false, pixels: [UInt8](repeating: 90, count: 16 * 16 * 3))
        let png = try ImageCodec.encode(pixels, .png(compressionLevel: 1))
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "main", secret: "sk-resume-test")],
            models: ["seedream": ModelBehavior(mode: .asynchronous(pollsBeforeCompletion: 12))],
            imageFactory: { _ in (png, "image/png") }))
        try emulator.start()
        defer { emulator.stop() }

        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("task-resume-\(UUID().uuidString)")
        let provider = ProviderConfig(name: "tasks", api: .openai, baseURL: emulator.openAIBaseURL, apiKeyEnv: "TASKS_KEY",
                                      timeoutSeconds: 10, pollIntervalSeconds: 0.05)
        let manifest = Manifest(fileURL: folder.appendingPathComponent("pack.json"), outputDirectory: folder.appendingPathComponent("out"),
                                providers: ["tasks": provider, "local": .local],
                                steps: [Step(id: "hero", model: ModelRef(provider: "tasks", model: "seedream"), prompt: "a hero")])
        let runner = Runner(manifest: manifest, environment: ["TASKS_KEY": "sk-resume-test"],
                            caching: RunCaching.standard(manifest: manifest, cacheDirectory: folder.appendingPathComponent("cache")))
        let submissions = { emulator.requests { $0.method == "POST" && $0.path.hasSuffix("/images/generations") } }
        let polls = { emulator.requests { $0.method == "GET" && $0.path.contains("/images/generations/") } }

        let interrupted = Task { try await runner.run() }
        // Polling starts once the client has the task id, which it files in the cache first.
        for _ in 0..<500 where polls().isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(submissions().count == 1)
        interrupted.cancel()
        #expect(try await interrupted.value.outcome("hero")?.status == .cancelled)

        let resumed = try await runner.run()
        let outcome = try #require(resumed.outcome("hero"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.notes.contains { $0.hasPrefix("collected task") }, "\(outcome.notes)")
        #expect(submissions().count == 1, "the image was not requested a second time")
        #expect(polls().count >= 12)
    }
}
