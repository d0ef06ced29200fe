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

/// Async-task platforms answer a generation with a task that the client polls until it settles:
/// a task that succeeds yields its images wherever the platform puts them, one that failed on the
/// platform's side is submitted again, a refusal fails the step with the task's own message (or
/// hands it to a fallback), and a task whose images exist is never paid for twice.
@Suite struct EndToEndAsyncTasks {
    /// The emulated task answers queued, then running, until polled this often; the next poll finishes it.
    private static let pollsBeforeCompletion = 3

    private func run(_ steps: [Step], tasks: TaskBehavior = TaskBehavior(completion: .afterPolls(pollsBeforeCompletion)),
                     maxConcurrent: Int = 4,
                     faults: (ProviderEmulator) -> Void = { _ in }) async throws -> (RunReport, ProviderEmulator) {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("platform", maxConcurrent: maxConcurrent)],
                                             models: ["async-image": ModelBehavior(mode: .asynchronous(tasks))])
        faults(emulator)
        let provider = EndToEnd.provider("platform", .openai, at: emulator, account: "platform", maxConcurrent: maxConcurrent)
        let report = try await EndToEnd.run(EndToEnd.manifest([provider], steps), environment: EndToEnd.environment(["platform"]))
        emulator.stop()
        return (report, emulator)
    }

    private func posts(_ emulator: ProviderEmulator, _ id: String) -> [RecordedRequest] {
        emulator.requests(forStep: id).filter { $0.method == "POST" }
    }

    static let shapes: [(TaskBehavior.ResultShape, TaskBehavior.Spelling)] = [
        (.data, .upperCase), (.resultData, .lowerCase), (.resultImages, .upperCase), (.resultURL, .lowerCase),
        (.imageList, .upperCase), (.outputURLs, .lowerCase),
    ]

    @Test(arguments: shapes)
    func aTaskIsPolledUntilItSucceedsAndItsImageIsUsedWhereverThePlatformPutsIt(
        _ shape: TaskBehavior.ResultShape, _ spelling: TaskBehavior.Spelling
    ) async throws {
        let behavior = TaskBehavior(completion: .afterPolls(Self.pollsBeforeCompletion), resultShape: shape, spelling: spelling)
        let (report, emulator) = try await run([
            EndToEnd.step("task", "platform:async-image", outputs: [OutputSpec(path: "task.png", format: .png)]),
        ], tasks: behavior)
        #expect(report.outcome("task")?.status == .succeeded)
        #expect(report.outcome("task")?.requests == 1)
        #expect(report.outcome("task")?.outputs.map(\.path) == ["task.png"])
        let requests = emulator.requests(forStep: "task")
        let polls = requests.dropFirst()
        let taskID = try #require(requests.first?.taskID)
        #expect(requests.first?.path == "/v1/images/generations" && requests.first?.method == "POST")
        #expect(polls.count == Self.pollsBeforeCompletion + 1)
        #expect(polls.allSatisfy { $0.method == "GET" && $0.path == "/v1/images/generations/\(taskID)" })
        #expect(polls.last?.imagesReturned == 1)
    }

    @Test func aRefusedTaskFailsTheStepWithTheTasksMessageAndIsNotResubmitted() async throws {
        let (report, emulator) = try await run([EndToEnd.step("doomed", "platform:async-image")]) { emulator in
            emulator.inject(.taskFails(.contentPolicy), matching: .prompt(containing: EndToEnd.marker("doomed")))
        }
        guard case let .failed(reason)? = report.outcome("doomed")?.status else {
            Issue.record("the step did not fail: \(String(describing: report.outcome("doomed")))")
            return
        }
        #expect(reason.hasPrefix("platform:async-image failed after 1 attempt: task "))
        #expect(reason.hasSuffix("failed: \(APIError.contentPolicy.message)"))
        #expect(posts(emulator, "doomed").count == 1)
    }

    @Test func aRefusedTaskFallsBackToTheNextModel() async throws {
        let (report, emulator) = try await run([
            EndToEnd.step("rescued", "platform:async-image", fallbacks: ["platform:gpt-image-1"]),
        ]) { emulator in
            emulator.inject(.taskFails(.contentPolicy), matching: .prompt(containing: EndToEnd.marker("rescued")))
        }
        let outcome = try #require(report.outcome("rescued"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "platform", model: "gpt-image-1"))
        #expect(outcome.notes.count == 1)
        #expect(outcome.notes.first?.hasSuffix("failed: \(APIError.contentPolicy.message)") == true)
        #expect(posts(emulator, "rescued").map(\.model) == ["async-image", "gpt-image-1"])
    }

    @Test func aTaskThatFailedOnThePlatformsSideIsSubmittedAgainAndSucceeds() async throws {
        let (report, emulator) = try await run([EndToEnd.step("flaky", "platform:async-image")]) { emulator in
            emulator.inject(.taskFails(.serverError), matching: .prompt(containing: EndToEnd.marker("flaky")))
        }
        #expect(report.outcome("flaky")?.status == .succeeded)
        #expect(report.outcome("flaky")?.requests == 2)
        #expect(posts(emulator, "flaky").count == 2)
    }

    @Test func aTaskThatSucceededWithoutReadableImagesFailsWithoutASecondSubmission() async throws {
        let (report, emulator) = try await run([EndToEnd.step("hollow", "platform:async-image")]) { emulator in
            emulator.inject(.taskSucceedsWithoutImage, matching: .prompt(containing: EndToEnd.marker("hollow")))
        }
        guard case let .failed(reason)? = report.outcome("hollow")?.status else {
            Issue.record("the step did not fail: \(String(describing: report.outcome("hollow")))")
            return
        }
        let taskID = try #require(posts(emulator, "hollow").first?.taskID)
        #expect(reason.contains("task \(taskID) succeeded but its images cannot be read"))
        #expect(reason.contains("its answer had fields id, task_id, object, status"))
        #expect(posts(emulator, "hollow").count == 1)
    }

    /// With `max_concurrent: 1`, tasks still render side by side: only their requests take turns.
    @Test func waitingTasksDoNotHoldTheProvidersRequestSlots() async throws {
        let steps = (0..<6).map { EndToEnd.step("side-\($0)", "platform:async-image") }
        let (report, emulator) = try await run(steps, tasks: TaskBehavior(completion: .afterPolls(8)), maxConcurrent: 1)
        #expect(report.succeeded == 6)
        #expect(emulator.maxConcurrency(forKey: "platform") == 1)
        #expect(emulator.limitRejections(forKey: "platform").isEmpty)
        // Each task's life runs from its submission to its last poll; several overlapped.
        let lives = steps.compactMap { step -> ClosedRange<Duration>? in
            let requests = emulator.requests(forStep: step.id)
            guard let first = requests.first?.arrival, let last = requests.last?.completion else { return nil }
            return first...last
        }
        let overlapping = lives.map { life in lives.filter { $0.overlaps(life) }.count }.max() ?? 0
        #expect(overlapping > 1, "tasks ran one after another")
    }
}
