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

/// Sixty steps over two providers whose limits bind, with the failures real image APIs produce
/// injected across them: every step ends succeeded or failed with its reason, retryable faults
/// are retried and recover, non-retryable ones are tried exactly once, hints are honoured, and
/// neither provider ever sees more concurrency or more requests per window than allowed.
@Suite struct EndToEndMixedFaults {
    private enum Expectation {
        case recovers
        case fails(reason: String, requests: Int)
    }

    private struct FaultCase {
        var name: String
        var fault: Fault
        var times: Int = 1
        var expectation: Expectation = .recovers
    }

    private static let cases: [FaultCase] = [
        FaultCase(name: "429-retry-after", fault: .rateLimited(retryAfterSeconds: 1)),
        FaultCase(name: "429-bare", fault: .rateLimited(retryAfterSeconds: nil)),
        FaultCase(name: "503-retry-after", fault: .status(503, retryAfter: "1")),
        FaultCase(name: "503-twice", fault: .status(503), times: 2),
        FaultCase(name: "503-always", fault: .status(503), times: 3,
                  expectation: .fails(reason: "failed after 3 attempts: HTTP 503: The engine is currently overloaded", requests: 3)),
        FaultCase(name: "reset", fault: .connectionReset),
        FaultCase(name: "hang", fault: .hang()),
        FaultCase(name: "malformed-json", fault: .malformedJSON),
        FaultCase(name: "truncated", fault: .truncatedBody),
        FaultCase(name: "bad-base64", fault: .invalidBase64),
        FaultCase(name: "not-an-image", fault: .nonImageBytes),
        FaultCase(name: "empty-data", fault: .emptyData),
        FaultCase(name: "moderation", fault: .contentPolicy,
                  expectation: .fails(reason: "failed after 1 attempt: HTTP 400: Your request was rejected by the safety system", requests: 1)),
        FaultCase(name: "quota", fault: .insufficientQuota,
                  expectation: .fails(reason: "failed after 1 attempt: HTTP 429: You exceeded your current quota", requests: 1)),
        FaultCase(name: "401", fault: .status(401),
                  expectation: .fails(reason: "failed after 1 attempt: HTTP 401: Incorrect API key provided", requests: 1)),
    ]

    private static let stepsPerProvider = 30
    private static let maxConcurrent = 4
    private static let requestsPerMinute = 900
    /// An OpenAI-compatible provider and an Opper one, each on its own account.
    private static let providers: [(name: String, api: ProviderAPI, model: String)] = [
        ("alpha", .openai, "alpha:gpt-image-1"),
        ("beta", .opper, "beta:openai/gpt-image-1"),
    ]

    @Test func everyStepSucceedsOrFailsWithItsReasonWithinTheLimits() async throws {
        let labels = Self.providers.map(\.name)
        let emulator = try EndToEnd.emulator(
            accounts: labels.map { EndToEnd.account($0, maxConcurrent: Self.maxConcurrent, requestsPerMinute: Self.requestsPerMinute) },
            latency: .milliseconds(20), hangLimit: .seconds(3))
        defer { emulator.stop() }
        var steps: [Step] = []
        var plan: [String: FaultCase] = [:]
        for (label, _, model) in Self.providers {
            for faultCase in Self.cases {
                let id = "\(label)-\(faultCase.name)"
                steps.append(EndToEnd.step(id, model))
                plan[id] = faultCase
                emulator.inject(faultCase.fault, matching: .prompt(containing: EndToEnd.marker(id)), times: faultCase.times)
            }
            for index in Self.cases.count..<Self.stepsPerProvider {
                steps.append(EndToEnd.step("\(label)-clean-\(index)", model))
            }
        }
        let providers = Self.providers.map { name, api, _ in
            EndToEnd.provider(name, api, at: emulator, account: name, maxConcurrent: Self.maxConcurrent,
                              requestsPerMinute: Self.requestsPerMinute, timeoutSeconds: 1)
        }
        let report = try await EndToEnd.run(EndToEnd.manifest(providers, steps), environment: EndToEnd.environment(labels))

        // Every step was decided: succeeded, or failed with its reason.
        #expect(report.outcomes.count == steps.count)
        #expect(report.succeeded + report.failed == steps.count)
        for step in steps {
            let outcome = try #require(report.outcome(step.id))
            let requests = emulator.requests(forStep: step.id)
            switch plan[step.id]?.expectation ?? .recovers {
            case .recovers:
                let times = plan[step.id]?.times ?? 0
                #expect(outcome.status == .succeeded, "\(step.id): \(outcome.status)")
                #expect(requests.count == times + 1, "\(step.id): \(requests.count) requests")
                #expect(outcome.requests == times + 1, "\(step.id)")
            case let .fails(reason, count):
                guard case let .failed(actual) = outcome.status else {
                    Issue.record("\(step.id) did not fail: \(outcome.status)")
                    continue
                }
                #expect(actual.contains(reason), "\(step.id): \(actual)")
                #expect(requests.count == count, "\(step.id): \(requests.count) requests")
            }
        }
        #expect(emulator.pendingFaults.isEmpty, "faults never used: \(emulator.pendingFaults)")

        for label in labels {
            #expect(emulator.maxConcurrency(forKey: label) <= Self.maxConcurrent, "\(label)")
            #expect(emulator.limitRejections(forKey: label).isEmpty, "\(label)")
            #expect(emulator.rateLimitViolations(forKey: label, window: .seconds(60), limit: Self.requestsPerMinute).isEmpty)
            // Smooth pacing: no burst in any second beyond the per-second share of the limit
            // (plus one for arrivals landing on a window's edge).
            #expect(emulator.rateLimitViolations(forKey: label, window: .seconds(1), limit: Self.requestsPerMinute / 60 + 1).isEmpty,
                    "\(label): \(emulator.rateLimitViolations(forKey: label, window: .seconds(1), limit: Self.requestsPerMinute / 60 + 1))")
        }
        Self.expectNothingRetriedAfterAFinalAnswer(emulator.requests)
        Self.expectRetryAfterHonoured(emulator.requests)
    }

    /// Per step and model: a 400/401/403/404/422 or a billing stop is the last request sent.
    private static func expectNothingRetriedAfterAFinalAnswer(_ log: [RecordedRequest]) {
        let byStepAndModel = Dictionary(grouping: log) { "\($0.prompt ?? "")|\($0.model ?? "")" }
        for (key, requests) in byStepAndModel {
            let sorted = requests.sorted { $0.sequence < $1.sequence }
            for request in sorted.dropLast() {
                let final = [400, 401, 403, 404, 422].contains(request.status ?? 0) || request.fault == .insufficientQuota
                #expect(!final, "\(key): request #\(request.sequence) answered \(request.status ?? 0) was followed by another")
            }
        }
    }

    /// After an answer carrying `Retry-After`, the same step's next request arrives no earlier
    /// than the answer plus the hint.
    private static func expectRetryAfterHonoured(_ log: [RecordedRequest]) {
        var checked = 0
        for request in log {
            guard let hint = retryAfter(of: request.fault), let answered = request.completion, let prompt = request.prompt else { continue }
            guard let next = log.first(where: { $0.sequence > request.sequence && $0.prompt == prompt }) else {
                Issue.record("no request followed #\(request.sequence) (\(prompt))")
                continue
            }
            #expect(next.arrival >= answered + hint, "\(prompt): retried \(next.arrival - answered) after a \(hint) hint")
            checked += 1
        }
        #expect(checked == 2 * providers.count)
    }

    private static func retryAfter(of fault: Fault?) -> Duration? {
        switch fault {
        case let .rateLimited(seconds?, _, _)?: return .seconds(seconds)
        case let .status(_, text?, _)?: return Double(text).map { .seconds($0) }
        default: return nil
        }
    }

    /// Async tasks failing on the platform's side for a fifth of the steps, an Opper chain of
    /// three edits under a 503, a task that succeeded unreadably, and a step asking for more
    /// images than its model takes per request.
    @Test func tasksChainsAndSplitRequestsUnderFaults() async throws {
        let emulator = try EndToEnd.emulator(
            accounts: [EndToEnd.account("opper", maxConcurrent: 4), EndToEnd.account("platform", maxConcurrent: 2)],
            models: ["async-image": ModelBehavior(mode: .asynchronous(TaskBehavior(completion: .afterPolls(2), resultShape: .outputURLs,
                                                                                   spelling: .lowerCase))),
                     "dall-e-3": ModelBehavior(maxImages: 1)])
        defer { emulator.stop() }
        let tasks = (0..<20).map { EndToEnd.step("task-\($0)", "platform:async-image") }
        let failing = [0, 5, 10, 15]
        for index in failing {
            emulator.inject(.taskFails(.serverError), matching: .prompt(containing: EndToEnd.marker("task-\(index)")),
                            times: index == 15 ? 2 : 1)
        }
        emulator.inject(.taskSucceedsWithoutImage, matching: .prompt(containing: EndToEnd.marker("hollow")))
        emulator.inject(.status(503), matching: .prompt(containing: EndToEnd.marker("chain-2")))
        let chain = [EndToEnd.step("chain-0", "opper:openai/gpt-image-1")]
            + (1...3).map { EndToEnd.step("chain-\($0)", "opper:openai/gpt-image-1", edits: ["chain-\($0 - 1)"]) }
        let steps = tasks + chain + [EndToEnd.step("hollow", "platform:async-image"),
                                     EndToEnd.step("trio", "platform:dall-e-3", parameters: GenerationParameters.with(n: 3))]
        let providers = [EndToEnd.provider("opper", .opper, at: emulator, account: "opper"),
                         EndToEnd.provider("platform", .openai, at: emulator, account: "platform", maxConcurrent: 2)]
        let report = try await EndToEnd.run(EndToEnd.manifest(providers, steps), environment: EndToEnd.environment(["opper", "platform"]))

        // Every task ends with images, the failed ones after a new task each time.
        for (index, step) in tasks.enumerated() {
            let outcome = try #require(report.outcome(step.id))
            #expect(outcome.status == .succeeded, "\(step.id): \(outcome.status)")
            let expected = failing.contains(index) ? (index == 15 ? 3 : 2) : 1
            #expect(emulator.requests(forStep: step.id).filter { $0.method == "POST" }.count == expected, "\(step.id)")
        }
        // Each edit of the chain refers to its upstream's stored image by the file_id string Opper issued.
        for index in 1...3 {
            let upstream = try #require(emulator.requests(forStep: "chain-\(index - 1)").last { $0.status == 200 })
            let edit = try #require(emulator.requests(forStep: "chain-\(index)").last { $0.status == 200 })
            #expect(edit.inputs == [RecordedInput(field: "image", form: .fileID(try #require(upstream.issuedFileIDs.first)))])
            #expect(report.outcome("chain-\(index)")?.status == .succeeded)
        }
        // A task that succeeded with no readable image fails without a second submission.
        guard case let .failed(reason)? = report.outcome("hollow")?.status else {
            Issue.record("hollow did not fail: \(String(describing: report.outcome("hollow")))")
            return
        }
        #expect(reason.contains("succeeded but its images cannot be read"))
        #expect(emulator.requests(forStep: "hollow").filter { $0.method == "POST" }.count == 1)
        // Three images from a model that takes one per request: three requests of one.
        #expect(report.outcome("trio")?.imageCount == 3)
        #expect(emulator.requests(forStep: "trio").map(\.status) == [200, 200, 200])
        #expect(emulator.pendingFaults.isEmpty, "faults never used: \(emulator.pendingFaults)")
        #expect(emulator.maxConcurrency(forKey: "platform") <= 2)
        #expect(emulator.limitRejections(forKey: "platform").isEmpty)
    }
}
