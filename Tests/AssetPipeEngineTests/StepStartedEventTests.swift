import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// A step starts when its first request goes out, not when it becomes ready: what a live status
/// counts as running is what holds a slot.
@Suite struct StepStartedEventTests {
    @Test func aStepWaitingForItsProvidersSlotHasNotStartedYet() async throws {
        let clock = VirtualClock()
        var builder = ManifestBuilder()
        builder.provider("fake", maxConcurrent: 1)
        builder.step("first")
        builder.step("second")
        let provider = ScriptedProvider(clock: clock, latency: .seconds(5))
        let recorder = EventRecorder()
        _ = try await Runner(manifest: builder.manifest, clock: clock, observer: recorder, environment: [:],
                             providerFactory: { _, _ in provider }).run()
        let order = recorder.events.compactMap { event -> String? in
            switch event {
            case let .stepStarted(id, _): "\(id) started"
            case let .attemptFinished(id, _): "\(id) answered"
            default: nil
            }
        }
        #expect(order.map { $0.hasSuffix("started") ? "start" : "answer" } == ["start", "answer", "start", "answer"],
                "one step starts only once the other's request is answered: \(order)")
    }
}
