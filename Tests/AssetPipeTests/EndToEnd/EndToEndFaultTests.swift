import Foundation
import Testing
@testable import AssetPipe
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
                #expect(outcome.attempts == times + 1, "\(step.id)")
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
}
