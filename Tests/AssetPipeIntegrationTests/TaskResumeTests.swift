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

/// An async task submitted by a run that was interrupted is collected by the next run, not paid
/// for again.
@Suite struct TaskResumeTests {
    private struct Setup {
        let emulator: ProviderEmulator
        let runner: Runner
        var submissions: [RecordedRequest] {
            emulator.requests { $0.method == "POST" && $0.path.hasSuffix("/images/generations") }
        }
        var polls: [RecordedRequest] { emulator.requests { $0.method == "GET" && $0.path.contains("/images/generations/") } }

        /// Starts a run, waits until its task is being polled (the id is filed by then), interrupts it.
        func interruptOnceTheTaskIsPolled() async throws {
            let interrupted = Task { try await runner.run() }
            for _ in 0..<500 where polls.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            interrupted.cancel()
            #expect(try await interrupted.value.outcome("hero")?.status == .cancelled)
        }
    }

    /// `hero` on `tasks:<model>` (with `fallbacks`), an async model that needs 12 polls.
    private func setup(model: String, fallbacks: [String] = []) throws -> Setup {
        let pixels = RasterImage(width: 16, height: 16, hasAlpha: false, pixels: [UInt8](repeating: 90, count: 16 * 16 * 3))
        let png = try ImageCodec.encode(pixels, .png(compressionLevel: 1))
        let emulator = ProviderEmulator(EmulatorConfiguration(
            keys: [EmulatorKey(label: "main", secret: "sk-resume-test")],
            models: ["seedream": ModelBehavior(mode: .asynchronous(pollsBeforeCompletion: 12))],
            imageFactory: { _ in (png, "image/png") }))
        try emulator.start()
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("task-resume-\(UUID().uuidString)")
        let provider = ProviderConfig(name: "tasks", api: .openai, baseURL: emulator.openAIBaseURL, apiKeyEnv: "TASKS_KEY",
                                      timeoutSeconds: 10, retry: RetryPolicy(maxAttempts: 1), pollIntervalSeconds: 0.05)
        let step = Step(id: "hero", model: ModelRef(provider: "tasks", model: model),
                        fallbacks: fallbacks.compactMap(ModelRef.init(parsing:)), prompt: "a hero")
        let manifest = Manifest(fileURL: folder.appendingPathComponent("pack.json"), outputDirectory: folder.appendingPathComponent("out"),
                                providers: ["tasks": provider, "local": .local], steps: [step])
        let runner = Runner(manifest: manifest, environment: ["TASKS_KEY": "sk-resume-test"],
                            caching: RunCaching.standard(manifest: manifest, cacheDirectory: folder.appendingPathComponent("cache")))
        return Setup(emulator: emulator, runner: runner)
    }

    @Test func aTaskSubmittedBeforeAnInterruptIsCollectedByTheNextRun() async throws {
        let setup = try setup(model: "seedream")
        defer { setup.emulator.stop() }
        try await setup.interruptOnceTheTaskIsPolled()
        #expect(setup.submissions.count == 1)

        let outcome = try #require(try await setup.runner.run().outcome("hero"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.notes.contains { $0.hasPrefix("collected task") }, "\(outcome.notes)")
        #expect(setup.submissions.count == 1, "the image was not requested a second time")
        #expect(setup.polls.count >= 12)
    }

    @Test func aTaskAFallbackSubmittedIsCreditedToThatModel() async throws {
        let setup = try setup(model: "refuses", fallbacks: ["tasks:seedream"])
        defer { setup.emulator.stop() }
        setup.emulator.inject(.contentPolicy, matching: .model("refuses"), times: 10)
        try await setup.interruptOnceTheTaskIsPolled()

        let outcome = try #require(try await setup.runner.run().outcome("hero"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "tasks", model: "seedream"))
        #expect(setup.submissions.filter { $0.model == "seedream" }.count == 1)
    }

    @Test func aTaskThatSucceededUnreadablyStaysRecordedAndTheNextRunPollsItInsteadOfPaying() async throws {
        let setup = try setup(model: "seedream")
        defer { setup.emulator.stop() }
        setup.emulator.inject(.taskSucceedsWithoutImage, matching: .model("seedream"))
        guard case let .failed(first)? = try await setup.runner.run().outcome("hero")?.status else {
            Issue.record("the first run did not fail")
            return
        }
        let taskID = try #require(setup.submissions.first?.taskID)
        #expect(first.contains("task \(taskID) succeeded but its images cannot be read"))
        let pollsOfTheFirstRun = setup.polls.count

        guard case let .failed(second)? = try await setup.runner.run().outcome("hero")?.status else {
            Issue.record("the second run did not fail")
            return
        }
        #expect(second.contains("task \(taskID) succeeded but its images cannot be read"))
        #expect(setup.submissions.count == 1, "the task was paid for again")
        #expect(setup.polls.count == pollsOfTheFirstRun + 1, "the next run asked about the recorded task at once")
    }

    @Test func forceSubmitsANewTaskInsteadOfCollectingTheRecordedOne() async throws {
        let setup = try setup(model: "seedream")
        defer { setup.emulator.stop() }
        try await setup.interruptOnceTheTaskIsPolled()
        var forced = setup.runner
        forced.caching?.force = .all
        #expect(try await forced.run().outcome("hero")?.status == .succeeded)
        #expect(setup.submissions.count == 2)
    }
}
