import Foundation
import Glibc
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

/// One provider in trouble does not stop the run: a provider that is down fails its own steps
/// after retries while the others finish, and a 429 holds back every step on that provider —
/// not just the one that got it — until the provider's hint has passed.
@Suite struct EndToEndOutages {
    @Test func aProviderThatIsDownFailsOnlyItsOwnSteps() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("up")])
        defer { emulator.stop() }
        let unreachable = try #require(URL(string: "http://127.0.0.1:\(try Self.closedPort())/v1"))
        let providers = [
            EndToEnd.provider("down", .openai, at: emulator, account: "down", baseURL: unreachable),
            EndToEnd.provider("up", .openai, at: emulator, account: "up"),
        ]
        let downSteps = (1...4).map { EndToEnd.step("down\($0)", "down:gpt-image-1") }
        let upSteps = (1...6).map { EndToEnd.step("up\($0)", "up:gpt-image-1") }
        let downstream = EndToEnd.step("after-down1", "up:gpt-image-1", edits: ["down1"])
        let recorder = EventRecorder()
        var environment = EndToEnd.environment(["up"])
        environment[EndToEnd.keyVariable("down")] = EndToEnd.secret("down")
        let report = try await EndToEnd.run(EndToEnd.manifest(providers, downSteps + upSteps + [downstream]),
                                            environment: environment, observer: recorder)

        for step in downSteps {
            let outcome = try #require(report.outcome(step.id))
            guard case let .failed(reason) = outcome.status else {
                Issue.record("\(step.id) did not fail: \(outcome.status)")
                continue
            }
            #expect(reason.hasPrefix("down:gpt-image-1 failed after 3 attempts: connection failed"), "\(reason)")
            #expect(outcome.requests == EndToEnd.quickRetry.maxAttempts)
        }
        #expect(recorder.retries.count == downSteps.count * (EndToEnd.quickRetry.maxAttempts - 1))
        #expect(upSteps.allSatisfy { report.outcome($0.id)?.status == .succeeded })
        #expect(report.outcome("after-down1")?.status == .skipped(reason: "upstream 'down1' failed"))
        #expect(emulator.requests(forKey: "up").count == upSteps.count)
    }

    @Test func aRateLimitHoldsBackEveryStepOnThatProvider() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("shared")],
                                             models: ["quick": ModelBehavior(latency: .milliseconds(100)),
                                                      "slow": ModelBehavior(latency: .milliseconds(500))])
        defer { emulator.stop() }
        let retryAfter = Duration.seconds(2)
        emulator.inject(.rateLimited(retryAfterSeconds: 2), matching: .prompt(containing: EndToEnd.marker("limited")))
        // The 429 comes back first; the edits of `slow1` become ready when it finishes, well
        // inside the hold.
        let steps = [EndToEnd.step("limited", "shared:quick")]
            + (1...3).map { EndToEnd.step("slow\($0)", "shared:slow") }
            + (1...4).map { EndToEnd.step("edit\($0)", "shared:quick", edits: ["slow1"]) }
        let report = try await EndToEnd.run(
            EndToEnd.manifest([EndToEnd.provider("shared", .openai, at: emulator, account: "shared")], steps),
            environment: EndToEnd.environment(["shared"]))

        #expect(report.succeeded == steps.count)
        let rateLimited = try #require(emulator.requests(forStep: "limited").first)
        #expect(rateLimited.status == 429)
        let answeredAt = try #require(rateLimited.completion)
        let slow1Done = try #require(emulator.onlyRequest(forStep: "slow1")?.completion)
        try #require(slow1Done < answeredAt + retryAfter, "the edits must become ready while the hold lasts")

        // What became ready during the hold, and the retry, waited for it. The client starts the
        // hold only once it has the 429, after the emulator logged its answer, so this holds
        // however loaded the machine is.
        let held = emulator.requests(forStep: "limited").dropFirst() + (1...4).flatMap { emulator.requests(forStep: "edit\($0)") }
        #expect(held.count == 5)
        for request in held {
            #expect(request.arrival >= answeredAt + retryAfter, "\(request.prompt ?? request.path) arrived during the hold")
        }
    }

    /// A loopback port nothing listens on: bound by the kernel, then closed.
    private static func closedPort() throws -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(probe >= 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(probe, pointer, length) == 0 && getsockname(probe, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
