import Testing
import Synchronization
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

/// Request pacing: evenly spaced sends, never more than the limit in a 60-second window, and a
/// provider-wide pause after a 429.
@Suite struct PacerTests {
    /// Starts `count` acquirers and returns when each got through, advancing time in small steps.
    private func sendTimes(_ pacer: Pacer, clock: ManualClock, count: Int, until end: Duration,
                           step: Duration = .milliseconds(100)) async -> [Duration] {
        let times = await withTaskGroup(of: Duration?.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do {
                        try await pacer.acquire()
                        return clock.now
                    } catch {
                        return nil
                    }
                }
            }
            while clock.now < end {
                for _ in 0..<200 { await Task.yield() }
                clock.advance(by: step)
            }
            return await group.reduce(into: [Duration]()) { if let time = $1 { $0.append(time) } }
        }
        return times.sorted()
    }

    @Test func tellsUntilWhenEachHeldBackRequestWaits() async {
        let clock = ManualClock()
        let deadlines = Mutex<Set<Duration>>([])
        let pacer = Pacer(requestsPerMinute: 60, clock: clock) { delay in
            deadlines.withLock { _ = $0.insert(clock.now + delay) }
        }
        let times = await sendTimes(pacer, clock: clock, count: 3, until: .seconds(4))
        // The first goes at once; the others are told when their turn comes (within the pacer's
        // 5 ms tolerance), the last again when the second takes the first free turn.
        #expect(times == [.zero, .seconds(1), .seconds(2)])
        #expect(deadlines.withLock { $0 } == [.seconds(1) - .milliseconds(5), .seconds(2) - .milliseconds(5)])
    }

    @Test func spacesRequestsEvenlyAtTheConfiguredRate() async {
        let clock = ManualClock()
        let pacer = Pacer(requestsPerMinute: 60, clock: clock)
        let times = await sendTimes(pacer, clock: clock, count: 4, until: .seconds(5))
        #expect(times == [.zero, .seconds(1), .seconds(2), .seconds(3)])
    }

    @Test func holdsEveryRequestUntilTheProviderSaysAfterA429() async throws {
        let clock = ManualClock()
        let pacer = Pacer(requestsPerMinute: nil, clock: clock)
        try await pacer.acquire()
        await pacer.throttle(for: .seconds(3))
        let times = await sendTimes(pacer, clock: clock, count: 2, until: .seconds(5))
        #expect(times.first == .seconds(3))
        // Then a penalty spacing keeps the two from going out together.
        #expect(times.count == 2 && times[1] - times[0] >= Pacer.minimumPenalty - .milliseconds(100))
    }

    @Test func neverPutsMoreThanTheLimitInAnySixtySecondWindow() {
        var log = SlidingWindowLog(capacity: 3, window: .seconds(60))
        #expect(log.earliestNextSend == nil)
        for second in [0, 1, 2] { log.record(.seconds(second)) }
        #expect(log.earliestNextSend == .seconds(60))
        log.record(.seconds(60))
        #expect(log.earliestNextSend == .seconds(61))
    }
}
