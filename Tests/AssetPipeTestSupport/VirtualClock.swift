import Synchronization
import AssetPipeBasics

/// A clock on which sleeping takes no real time: each sleep jumps `now` to its deadline. For
/// tests of sequences (retries, backoff, polling) where only the order of events and the
/// recorded times matter.
final class VirtualClock: RunClock {
    private let state = Mutex((now: Duration.zero, sleeps: [Duration]()))

    var now: Duration { state.withLock { $0.now } }

    /// Every duration slept, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(max(deadline - state.now, .zero))
            state.now = max(state.now, deadline)
        }
        await Task.yield()
    }
}
