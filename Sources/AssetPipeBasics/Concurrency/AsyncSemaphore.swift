import Synchronization

/// A counting semaphore for tasks: at most `limit` holders at once, waiters served in arrival
/// order (urgent ones before background ones), and a waiter that is cancelled leaves the queue
/// instead of holding a slot forever.
///
/// This bounds requests in flight per provider and globally (`--jobs`) without blocking threads.
public final class AsyncSemaphore: Sendable {
    /// Who is served first when slots are scarce.
    public enum Priority: Sendable {
        case urgent
        /// Served only when no urgent waiter is queued: task polls, so that when a provider's
        /// limits bind, new work is submitted (and starts rendering) before finished work is asked about.
        case background
    }

    private struct Waiter {
        var id: UInt64
        var priority: Priority
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>
    public let limit: Int

    public init(limit: Int) {
        precondition(limit > 0, "a semaphore needs at least one slot")
        self.limit = limit
        self.state = Mutex(State(available: limit))
    }

    /// Waits for a slot. Throws `CancellationError` if the task is cancelled while waiting.
    public func acquire(_ priority: Priority = .urgent) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case granted, cancelled, queued }
                let outcome = state.withLock { state -> Outcome in
                    if Task.isCancelled { return .cancelled }
                    if state.available > 0, state.waiters.isEmpty {
                        state.available -= 1
                        return .granted
                    }
                    state.waiters.append(Waiter(id: id, priority: priority, continuation: continuation))
                    return .queued
                }
                switch outcome {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break  // resumed by `release()` or by the cancellation handler
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Returns a slot, handing it straight to the longest urgent waiter, else the longest waiter.
    public func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.available = min(state.available + 1, limit)
                return nil
            }
            let index = state.waiters.firstIndex { $0.priority == .urgent } ?? 0
            return state.waiters.remove(at: index).continuation
        }
        next?.resume()
    }

    /// Runs `body` while holding a slot.
    public func withSlot<T: Sendable>(_ priority: Priority = .urgent, _ body: () async throws -> T) async throws -> T {
        try await acquire(priority)
        defer { release() }
        return try await body()
    }
}
