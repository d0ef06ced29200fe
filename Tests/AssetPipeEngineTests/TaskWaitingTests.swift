import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// Async tasks are waited for by the executor: a waiting task holds only its task slot, so
/// `max_concurrent` bounds requests (submissions and polls), `max_tasks_in_flight` bounds tasks,
/// and `--jobs` bounds steps being worked on — never tasks sitting on the platform.
@Suite struct TaskWaitingTests {
    private func runner(_ builder: ManifestBuilder, _ provider: ScriptedTaskProvider, clock: any RunClock,
                        options: RunOptions = .init(), observer: any RunObserver = SilentObserver()) -> Runner {
        Runner(manifest: builder.manifest, options: options, clock: clock, observer: observer, environment: [:],
               providerFactory: { _, _ in provider }, random: { 0.5 })
    }

    private func builder(steps: Int, maxConcurrent: Int = 4, maxTasksInFlight: Int = 32,
                         retry: RetryPolicy = RetryPolicy(maxAttempts: 3), fallbacks: [String] = []) -> ManifestBuilder {
        var builder = ManifestBuilder()
        builder.provider("fake", maxConcurrent: maxConcurrent, maxTasksInFlight: maxTasksInFlight, retry: retry)
        builder.provider("other")
        for index in 0..<steps { builder.step("s\(index)", fallbacks: fallbacks) }
        return builder
    }

    /// Runs until every task sleeps between polls at time zero, then checks what was submitted.
    private func submittedBeforeAnyPoll(_ builder: ManifestBuilder, _ provider: ScriptedTaskProvider, waiting: Int,
                                        options: RunOptions = .init()) async throws -> (submitted: Int, report: RunReport) {
        let clock = ManualClock()
        let run = Task { try await runner(builder, provider, clock: clock, options: options).run() }
        await clock.waitForSleepers(waiting)
        let submitted = provider.submissions.count
        #expect(provider.polls == 0)
        let report = try await clock.drive(horizon: .seconds(60)) { try await run.value }
        return (submitted, report)
    }

    @Test func aWaitingTaskHoldsNoRequestSlot() async throws {
        let provider = ScriptedTaskProvider()
        let (submitted, report) = try await submittedBeforeAnyPoll(builder(steps: 6, maxConcurrent: 1), provider, waiting: 6)
        // With one request slot, all six tasks were submitted before the first one was polled.
        #expect(submitted == 6)
        #expect(report.succeeded == 6)
        #expect(provider.maxRequestsInFlight == 1)
        #expect(provider.maxTasksInFlight == 6)
    }

    @Test func maxTasksInFlightBoundsTheTasksSubmittedAndNotFinished() async throws {
        let provider = ScriptedTaskProvider()
        let (submitted, report) = try await submittedBeforeAnyPoll(builder(steps: 6, maxTasksInFlight: 2), provider, waiting: 2)
        #expect(submitted == 2)
        #expect(report.succeeded == 6)
        #expect(provider.maxTasksInFlight == 2)
    }

    @Test func jobsCountStepsBeingWorkedOnNotTasksWaiting() async throws {
        let provider = ScriptedTaskProvider()
        let (submitted, report) = try await submittedBeforeAnyPoll(builder(steps: 5), provider, waiting: 5,
                                                                   options: RunOptions(jobs: 1))
        #expect(submitted == 5)
        #expect(report.succeeded == 5)
    }

    @Test func aTaskThatFailedOnThePlatformsSideIsSubmittedAgainWithBackoff() async throws {
        let provider = ScriptedTaskProvider()
        provider.script("s0", [.error(ProviderError(.taskFailed, "task task-1 failed: upstream model crashed"))])
        let recorder = EventRecorder()
        let report = try await runner(builder(steps: 1), provider, clock: VirtualClock(), observer: recorder).run()
        #expect(report.outcome("s0")?.status == .succeeded)
        #expect(report.outcome("s0")?.requests == 2)
        #expect(provider.submissions == ["s0", "s0"])
        #expect(recorder.retries.map(\.attempt) == [2])
    }

    @Test func aRefusedTaskIsNotRetriedAndFallsBack() async throws {
        let provider = ScriptedTaskProvider()
        provider.script("s0", [.error(ProviderError(.rejected, "task task-1 failed: blocked by the safety system"))])
        let report = try await runner(builder(steps: 1, fallbacks: ["fake:model-b"]), provider, clock: VirtualClock()).run()
        let outcome = try #require(report.outcome("s0"))
        #expect(outcome.status == .succeeded)
        #expect(outcome.model == ModelRef(provider: "fake", model: "model-b"))
        #expect(outcome.notes == ["fake:model-a failed after 1 attempt: task task-1 failed: blocked by the safety system"])
        #expect(provider.submissions.count == 2)
    }

    @Test func anUnsettledTaskFailsTheStepWithoutARetryOrAFallback() async throws {
        let provider = ScriptedTaskProvider()
        let unreadable = ProviderError(.taskUnsettled, "task task-1 succeeded but its images cannot be read (…)")
        provider.script("s0", [.error(unreadable)])
        let report = try await runner(builder(steps: 1, fallbacks: ["fake:model-b"]), provider, clock: VirtualClock()).run()
        guard case let .failed(reason)? = report.outcome("s0")?.status else {
            Issue.record("expected a failure, got \(String(describing: report.outcome("s0")))")
            return
        }
        #expect(reason == "fake:model-a failed after 1 attempt: task task-1 succeeded but its images cannot be read (…)")
        #expect(provider.submissions == ["s0"])
    }
}
