import Testing
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// The ETA: generating steps still to settle ÷ the rate they settled at lately.
@Suite struct ThroughputTests {
    /// `count` steps settling every `interval` from `interval` on, all started at 0.
    private func steady(_ count: Int, every interval: Duration) -> Throughput {
        var throughput = Throughput()
        throughput.stepStarted(at: .zero)
        for index in 1...count { throughput.stepSettled(at: interval * index) }
        return throughput
    }

    @Test func thereIsNoETABeforeThreeStepsHaveSettled() {
        var throughput = Throughput()
        throughput.stepStarted(at: .zero)
        throughput.stepSettled(at: .seconds(20))
        throughput.stepSettled(at: .seconds(21))
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(60)) == nil)
        throughput.stepSettled(at: .seconds(61))
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(61)) != nil)
    }

    @Test func thereIsNoETABeforeTenSecondsOfGeneratingHowEverManyHaveSettled() {
        let throughput = steady(8, every: .seconds(1))
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(9)) == nil)
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(10)) != nil)
    }

    @Test func theETAIsTheRemainingStepsAtTheObservedRate() {
        // 10 settled in 20 s: 0.5 a second; 90 to go: 180 s.
        let throughput = steady(10, every: .seconds(2))
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(20)) == .seconds(180))
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(20))?.compact == "3m00s")
    }

    @Test func theRateFollowsTheLastTenMinutesOfAnHoursLongRun() {
        // 300 steps in the first ten minutes (one every 2 s), then one every 6 s.
        var throughput = steady(300, every: .seconds(2))
        for index in 1...100 { throughput.stepSettled(at: .seconds(600) + .seconds(6) * index) }
        // At 20 minutes the last ten minutes saw 100: one every 6 s; 600 steps to go take an hour.
        #expect(throughput.eta(planned: 1000, inFlight: 16, at: .seconds(1200)) == .seconds(3600))
    }

    @Test func stepsInFlightAreNeverEstimatedAway() {
        // Everything planned has settled or is in flight: the ones in flight are still ahead.
        let throughput = steady(10, every: .seconds(2))
        #expect(throughput.eta(planned: 10, inFlight: 3, at: .seconds(20)) == .seconds(6))
    }

    @Test func stepsWithdrawnBeforeStartingLeaveTheWorkAheadWithoutCountingAsProgress() {
        var throughput = steady(10, every: .seconds(2))
        for _ in 0..<40 { throughput.stepWithdrawn() }
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(20)) == .seconds(100))
    }

    @Test func aMostlyCachedRunEstimatesFromItsGeneratingStepsAlone() {
        // 990 of 1,000 steps are up to date and finish in the first second; 10 generate, one
        // every 6 s. Counting the cached ones would predict the end within a second.
        var state = RunState(startedAt: .zero)
        state.apply(Events.plan(steps: 1000, generating: 10), at: .zero)
        for index in 0..<10 { state.apply(Events.started("new-\(index)"), at: .zero) }
        for index in 0..<990 { state.apply(Events.cached("old-\(index)"), at: .milliseconds(index)) }
        for index in 0..<5 { state.apply(Events.generated("new-\(index)"), at: .seconds(6) * (index + 1)) }
        // 5 settled in 30 s; 5 to go: 30 s.
        #expect(state.eta(at: .seconds(30)) == .seconds(30))
        #expect(state.imagesDone == 995)
    }

    @Test func aRunThatHasStalledForTenMinutesHasNoETA() {
        let throughput = steady(10, every: .seconds(2))
        #expect(throughput.eta(planned: 100, inFlight: 16, at: .seconds(20 + 601)) == nil)
    }
}
