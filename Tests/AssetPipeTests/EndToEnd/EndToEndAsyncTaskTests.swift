import Foundation
import Testing
@testable import AssetPipe
@testable import ProviderEmulator

/// Async-task platforms answer a generation with a task that the client polls until it settles:
/// a task that succeeds yields its images, one that fails fails the step with the task's own
/// message (and hands the step to a fallback when there is one).
@Suite struct EndToEndAsyncTasks {
    /// The emulated task answers QUEUED, then RUNNING, until polled this often; the next poll finishes it.
    private static let pollsBeforeCompletion = 3
    private static let failure = "Image generation failed: the upstream model returned an error."

    private func run(_ steps: [Step], faults: (ProviderEmulator) -> Void = { _ in }) async throws -> (RunReport, ProviderEmulator) {
        let emulator = try EndToEnd.emulator(
            accounts: [EndToEnd.account("platform")],
            models: ["async-image": ModelBehavior(mode: .asynchronous(pollsBeforeCompletion: Self.pollsBeforeCompletion))])
        faults(emulator)
        let report = try await EndToEnd.run(EndToEnd.manifest([EndToEnd.provider("platform", .openai, at: emulator, account: "platform")], steps),
                                            environment: EndToEnd.environment(["platform"]))
        emulator.stop()
        return (report, emulator)
    }

    @Test func aTaskIsPolledUntilItSucceedsAndItsImageIsUsed() async throws {
        let (report, emulator) = try await run([
            EndToEnd.step("task", "platform:async-image", outputs: [OutputSpec(path: "task.png", format: .png)]),
        ])
        #expect(report.outcome("task")?.status == .succeeded)
        #expect(report.outcome("task")?.attempts == 1)
        #expect(report.outcome("task")?.outputs == ["task.png"])
        let requests = emulator.requests(forStep: "task")
        let polls = requests.dropFirst()
        let taskID = try #require(requests.first?.taskID)
        #expect(requests.first?.path == "/v1/images/generations" && requests.first?.method == "POST")
        #expect(polls.count == Self.pollsBeforeCompletion + 1)
        #expect(polls.allSatisfy { $0.method == "GET" && $0.path == "/v1/images/generations/\(taskID)" })
        #expect(polls.last?.imagesReturned == 1)
    }

    @Test func aFailedTaskFailsTheStepWithTheTasksMessageAndIsNotResubmitted() async throws {
        let (report, emulator) = try await run([EndToEnd.step("doomed", "platform:async-image")]) { emulator in
            emulator.inject(.taskFails, matching: .prompt(containing: EndToEnd.marker("doomed")))
        }
        guard case let .failed(reason)? = report.outcome("doomed")?.status else {
            Issue.record("the step did not fail: \(String(describing: report.outcome("doomed")))")
            return
        }
        #expect(reason.hasPrefix("platform:async-image failed after 1 attempt: task "))
        #expect(reason.hasSuffix("failed: \(Self.failure)"))
        #expect(emulator.requests(forStep: "doomed").filter { $0.method == "POST" }.count == 1)
    }

    @Test func aFailedTaskFallsBackToTheNextModel() async throws {
        let (report, emulator) = try await run([
            EndToEnd.step("rescued", "platform:async-image", fallbacks: ["platform:gpt-image-1"]),
        ]) { emulator in
            emulator.inject(.taskFails, matching: .prompt(containing: EndToEnd.marker("rescued")))
        }
        let outcome = try #require(report.outcome("rescued"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "platform", model: "gpt-image-1"))
        #expect(outcome.notes.count == 1)
        #expect(outcome.notes.first?.hasSuffix("failed: \(Self.failure)") == true)
        let posts = emulator.requests(forStep: "rescued").filter { $0.method == "POST" }
        #expect(posts.map(\.model) == ["async-image", "gpt-image-1"])
    }
}
