import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// The executor's contract: dependency order, concurrency limits, failure propagation.
@Suite struct RunnerTests {
    private func runner(_ builder: ManifestBuilder, providers: [String: ScriptedProvider], clock: any RunClock,
                        options: RunOptions = .init(), observer: any RunObserver = SilentObserver()) -> Runner {
        Runner(manifest: builder.manifest, options: options, clock: clock, observer: observer, environment: [:],
               providerFactory: { config, _ in
                   guard let provider = providers[config.name] else { throw ProviderError(.configuration, "no fake for \(config.name)") }
                   return provider
               }, random: { 0.5 })
    }

    @Test func neverHasMoreRequestsInFlightThanTheProviderAllows() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake", maxConcurrent: 2)
        for index in 0..<8 { builder.step("s\(index)") }
        let provider = ScriptedProvider(clock: VirtualClock())
        let report = try await runner(builder, providers: ["fake": provider], clock: VirtualClock()).run()
        #expect(report.succeeded == 8)
        #expect(provider.maxInFlight == 2)
    }

    @Test func jobsCapsTheTotalAcrossProviders() async throws {
        var builder = ManifestBuilder()
        builder.provider("a", maxConcurrent: 4)
        builder.provider("b", maxConcurrent: 4)
        for index in 0..<6 {
            builder.step("a\(index)", model: "a:m")
            builder.step("b\(index)", model: "b:m")
        }
        let counter = InFlightCounter()
        let clock = VirtualClock()
        let providers = ["a": ScriptedProvider(name: "a", clock: clock, sharedCounter: counter),
                         "b": ScriptedProvider(name: "b", clock: clock, sharedCounter: counter)]
        let report = try await runner(builder, providers: providers, clock: clock, options: RunOptions(jobs: 3)).run()
        #expect(report.succeeded == 12)
        #expect(counter.max == 3)
    }

    @Test func startsAStepAsSoonAsItsOwnInputsAreDoneNotLevelByLevel() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake", maxConcurrent: 4)
        builder.step("a")
        builder.step("slow")
        builder.step("b", inputs: ["a"])
        let clock = ManualClock()
        let provider = ScriptedProvider(clock: clock, latency: .seconds(1))
        let slow = ScriptedProvider(clock: clock, latency: .seconds(10))
        var manifestBuilder = builder
        manifestBuilder.provider("slowprovider")
        manifestBuilder.steps[1].model = ModelRef(provider: "slowprovider", model: "m")
        let run = Task { try await runner(manifestBuilder, providers: ["fake": provider, "slowprovider": slow], clock: clock).run() }
        await clock.waitForSleepers(2)
        clock.advance(to: .seconds(1))
        await clock.waitForSleepers(2)
        #expect(provider.calls(for: "b").map(\.time) == [.seconds(1)])
        clock.advance(to: .seconds(10))
        let report = try await run.value
        #expect(report.succeeded == 3)
    }

    @Test func aFailureSkipsExactlyTheStepsDownstreamOfIt() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        builder.step("base")
        builder.step("edit", inputs: ["base"])
        builder.step("edit-of-edit", inputs: ["edit"])
        builder.step("independent")
        let provider = ScriptedProvider(clock: VirtualClock())
        provider.script("base", [.failure(ProviderError(.rejected, "Your request was rejected by the safety system.", httpStatus: 400))])
        let report = try await runner(builder, providers: ["fake": provider], clock: VirtualClock()).run()
        #expect(report.outcome("independent")?.status == .succeeded)
        #expect(report.outcome("edit")?.status == .skipped(reason: "upstream 'base' failed"))
        #expect(report.outcome("edit-of-edit")?.status == .skipped(reason: "upstream 'base' failed"))
        guard case let .failed(reason) = report.outcome("base")?.status else {
            Issue.record("base should have failed")
            return
        }
        #expect(reason.contains("HTTP 400: Your request was rejected by the safety system."))
        #expect(provider.calls(for: "edit").isEmpty)
    }

    @Test func failFastStartsNothingNewAfterTheFirstFailure() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake", maxConcurrent: 1)
        builder.step("bad")
        builder.step("gate")
        // Ready only after `gate`, so they queue behind `bad` whichever of the two runs first.
        builder.step("later-1", inputs: ["gate"])
        builder.step("later-2", inputs: ["gate"])
        let provider = ScriptedProvider(clock: VirtualClock())
        provider.script("bad", [.failure(ProviderError(.rejected, "no"))])
        let report = try await runner(builder, providers: ["fake": provider], clock: VirtualClock(),
                                      options: RunOptions(failFast: true)).run()
        #expect(report.failed == 1)
        #expect(report.outcome("later-1")?.status == .skipped(reason: "not started: --fail-fast after 'bad' failed"))
        #expect(report.outcome("later-2")?.status == .skipped(reason: "not started: --fail-fast after 'bad' failed"))
        let called = provider.calls.map(\.stepID)
        #expect(called.last == "bad", "nothing started after the failure")
        #expect(!called.contains { $0.hasPrefix("later") })
    }

    @Test func edgesReceiveTheUpstreamImagesThemselves() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        builder.step("icons", n: 3)
        builder.steps.append(Step(id: "combo", model: ModelRef(provider: "fake", model: "m"), prompt: "p",
                                  images: [.step(id: "icons", index: 2), .step(id: "icons", index: 0)]))
        let provider = ScriptedProvider(clock: VirtualClock())
        let report = try await runner(builder, providers: ["fake": provider], clock: VirtualClock()).run()
        #expect(report.succeeded == 2)
        #expect(provider.calls(for: "combo").first?.inputCount == 2)
    }

    @Test func onlyRunsTheChosenStepsAndWhatTheyNeed() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        builder.step("a")
        builder.step("b", inputs: ["a"])
        builder.step("c")
        let provider = ScriptedProvider(clock: VirtualClock())
        let report = try await runner(builder, providers: ["fake": provider], clock: VirtualClock(),
                                      options: RunOptions(only: ["b"])).run()
        #expect(report.outcomes.map(\.stepID).sorted() == ["a", "b"])
        #expect(provider.calls(for: "c").isEmpty)
    }

    @Test func anInterruptCancelsInFlightStepsAndStartsNothingElse() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake", maxConcurrent: 1)
        builder.step("first")
        builder.step("second")
        let clock = ManualClock()
        let provider = ScriptedProvider(clock: clock, latency: .seconds(5))
        let run = Task { try await runner(builder, providers: ["fake": provider], clock: clock).run() }
        await clock.waitForSleepers(1)
        run.cancel()
        let report = try await run.value
        #expect(report.interrupted)
        let started = try #require(provider.calls.first?.stepID)
        let waiting = started == "first" ? "second" : "first"
        #expect(provider.calls.count == 1)
        #expect(report.outcome(started)?.status == .cancelled)
        #expect(report.outcome(waiting)?.status == .skipped(reason: "not started: the run was interrupted"))
    }
}

/// A run whose lockfile cannot be written still returns everything it did.
@Suite struct LockfileWriteFailureTests {
    @Test func theReportSurvivesAndNamesTheProblem() async throws {
        var builder = ManifestBuilder()
        builder.provider("fake")
        builder.step("a")
        let provider = ScriptedProvider(clock: VirtualClock())
        // /proc takes no new files, even from root.
        let caching = RunCaching(cache: GenerationCache(directory: builder.outputDirectory.appendingPathComponent("cache")),
                                 lockfileURL: URL(fileURLWithPath: "/proc/assetpipe-\(UUID().uuidString)/pack.lock.json"),
                                 outputStats: OutputStatCache(stateFile: builder.outputDirectory.appendingPathComponent("hashes.json")))
        let report = try await Runner(manifest: builder.manifest, clock: VirtualClock(), environment: [:],
                                      providerFactory: { _, _ in provider }, caching: caching).run()
        #expect(report.succeeded == 1)
        #expect(report.lockfileError != nil)
    }
}
