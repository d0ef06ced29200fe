import Synchronization

/// The run an interrupt cancels. The handler is installed before the run starts, so a Ctrl-C
/// that arrives in between is kept and applied the moment the run is attached.
final class RunCancellation<Result: Sendable>: Sendable {
    private let state = Mutex<(task: Task<Result, any Error>?, requested: Bool)>((nil, false))

    func cancel() {
        let task = state.withLock { state in
            state.requested = true
            return state.task
        }
        task?.cancel()
    }

    func attach(_ task: Task<Result, any Error>) {
        let cancelNow = state.withLock { state in
            state.task = task
            return state.requested
        }
        if cancelNow { task.cancel() }
    }
}
