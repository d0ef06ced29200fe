import Synchronization
@testable import AssetPipe

/// A `RunClock` that only moves when a test advances it.
final class ManualClock: RunClock {
    private struct Sleeper {
        var deadline: Duration
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Duration = .zero
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    var now: Duration { state.withLock { $0.now } }

    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    func sleep(until deadline: Duration) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now += duration
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves time to the earliest sleeper's deadline when it lies within `horizon`, waking it.
    /// Deadlines further out (a request's timeout while a scripted answer is on its way) are
    /// left alone, so time only moves as far as the code under test asked it to.
    func advanceToNextDeadline(within horizon: Duration) {
        let target = state.withLock { state -> Duration? in
            guard let earliest = state.sleepers.values.map(\.deadline).min(), earliest <= state.now + horizon else { return nil }
            return earliest
        }
        if let target { advance(by: target - now) }
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
