import Testing
@testable import AssetPipeManifest
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// The run's state, folded from its events: what every progress view shows.
@Suite struct RunStateTests {
    @Test func imagesCountWhetherGeneratedOrCachedAndQueuedIsWhatNeitherStartedNorFinished() {
        let state = RunState.after([
            (.zero, Events.plan(steps: 6, images: 9)),
            (.seconds(1), Events.started("a")), (.seconds(1), Events.started("b")), (.seconds(1), Events.cached("c", images: 2)),
            (.seconds(4), Events.generated("a", images: 3, cost: 0.12)), (.seconds(5), Events.failed("d")),
        ])
        #expect(state.imagesDone == 5)
        #expect(state.failed == 1)
        #expect(state.cost == 0.12)
        #expect(state.active.keys.sorted() == ["b"])
        #expect(state.queued == 2, "6 steps: 3 finished, 1 active")
        #expect(state.running(at: .seconds(5)) == 1)
    }

    @Test func queuedIsUnknownUntilThePlanArrives() {
        let state = RunState.after([(.zero, Events.started("a"))])
        #expect(state.queued == nil)
        #expect(state.eta(at: .seconds(60)) == nil)
    }

    @Test func aPaceOrRetryAfterWaitCountsAsWaitingOnRateLimitsUntilItEndsAndBackoffDoesNot() {
        let state = RunState.after([
            (.zero, Events.started("paced")), (.zero, Events.started("told")), (.zero, Events.started("backing-off")),
            (.seconds(1), .waitingForRateLimit(stepID: "paced", provider: "openai", delay: .seconds(4))),
            (.seconds(1), .retrying(stepID: "told", model: Events.model, attempt: 2, maxAttempts: 4, delay: .seconds(30),
                                    reason: "HTTP 429: slow down", retryAfter: true)),
            (.seconds(1), .retrying(stepID: "backing-off", model: Events.model, attempt: 2, maxAttempts: 4, delay: .seconds(2),
                                    reason: "HTTP 503: busy", retryAfter: false)),
        ])
        #expect(state.waitingOnRateLimits(at: .seconds(2)) == 2)
        #expect(state.running(at: .seconds(2)) == 1)
        #expect(state.waitingOnRateLimits(at: .seconds(5)) == 1, "the pace's wait is over at 5 s")
        #expect(state.waitingOnRateLimits(at: .seconds(31)) == 0)
        #expect(state.active["told"]?.attempt == 2)
    }

    @Test func anAnsweredAttemptEndsTheWaitAndAFallbackMovesTheStepToItsNextModel() {
        let fallback = ModelRef(provider: "opper", model: "gpt-image-1")
        let state = RunState.after([
            (.zero, Events.started("hero")),
            (.seconds(1), .retrying(stepID: "hero", model: Events.model, attempt: 2, maxAttempts: 2, delay: .seconds(10),
                                    reason: "HTTP 429", retryAfter: true)),
            (.seconds(11), .attemptFinished(stepID: "hero", AttemptRecord(model: Events.model, attempt: 2, disposition: .fellBack,
                                                                          duration: .seconds(1), httpStatus: 429))),
            (.seconds(11), .fallingBack(stepID: "hero", from: Events.model, to: fallback, reason: "HTTP 429")),
        ])
        let hero = state.active["hero"]
        #expect(hero?.model == fallback)
        #expect(hero?.attempt == 1)
        #expect(hero?.hold == nil)
    }
}
