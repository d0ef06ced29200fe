import Testing
import Synchronization
import AssetPipeBasics

/// A clock that moves only when the test says so: sleepers wait until `advance(to:)` passes
/// their deadline. Lets tests observe exactly what is in flight at each instant, without sleeps.
final class ManualClock: RunClock {
    private struct Sleeper {
        var id: Int
        var deadline: Duration
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Duration = .zero
        var sleepers: [Sleeper] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    var now: Duration { state.withLock { $0.now } }

    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Deadlines of everyone currently asleep, earliest first.
    var pendingDeadlines: [Duration] { state.withLock { $0.sleepers.map(\.deadline).sorted() } }

    func sleep(until deadline: Duration) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    /// Moves time forward and wakes everyone whose deadline has come.
    func advance(to time: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = max(state.now, time)
            let due = state.sleepers.filter { $0.deadline <= state.now }
            state.sleepers.removeAll { $0.deadline <= state.now }
            return due
        }
        due.forEach { $0.continuation.resume() }
    }

    func advance(by duration: Duration) { advance(to: now + duration) }

    /// Waits (by yielding, bounded) until `count` tasks are asleep on this clock.
    /// Waits in real time (up to 30 s, for a machine under load) for `count` sleepers.
    func waitForSleepers(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        let deadline = ContinuousClock.now + .seconds(30)
        var turns = 0
        while sleeperCount < count, ContinuousClock.now < deadline {
            // Yield first (the usual case takes a few turns), then let real time pass.
            if turns < 10_000 { await Task.yield() } else { try? await Task.sleep(for: .milliseconds(1)) }
            turns += 1
        }
        #expect(sleeperCount >= count, "expected \(count) sleepers, found \(sleeperCount)", sourceLocation: sourceLocation)
    }

    /// Moves time to the earliest sleeper's deadline when it lies within `horizon`, waking it.
    /// Deadlines further out (a request's timeout while a scripted answer is on its way) are
    /// left alone, so time only moves as far as the code under test asked it to.
    func advanceToNextDeadline(within horizon: Duration) {
        let target = state.withLock { state -> Duration? in
            guard let earliest = state.sleepers.map(\.deadline).min(), earliest <= state.now + horizon else { return nil }
            return earliest
        }
        if let target { advance(to: target) }
    }

    /// Runs `operation`, jumping to each deadline it sleeps toward within `horizon`, so code that
    /// polls or waits for a timeout runs to completion without real waiting.
    func drive<T: Sendable>(horizon: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let work = Task { try await operation() }
        let driver = Task {
            while !Task.isCancelled {
                advanceToNextDeadline(within: horizon)
                try? await Task.sleep(for: .microseconds(200))
            }
        }
        defer { driver.cancel() }
        return try await work.value
    }
}
