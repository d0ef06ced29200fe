import Synchronization

/// Tells steps still waiting for a slot not to start: set by `--fail-fast` after a failure.
final class StopSignal: Sendable {
    private let state = Mutex<String?>(nil)

    var reason: String? { state.withLock { $0 } }

    func stop(_ reason: String) {
        state.withLock { $0 = $0 ?? reason }
    }
}
