import Synchronization
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeTestSupport

@Suite struct AsyncSemaphoreTests {
    @Test func aCancelledWaiterLeavesTheQueueWithoutTakingASlot() async throws {
        let semaphore = AsyncSemaphore(limit: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }
        for _ in 0..<100 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        semaphore.release()
        // The slot is free again: a new acquirer gets it at once.
        try await semaphore.acquire()
        semaphore.release()
    }

    @Test func servesWaitersInArrivalOrder() async throws {
        let semaphore = AsyncSemaphore(limit: 1)
        try await semaphore.acquire()
        let order = Order()
        var waiters: [Task<Void, any Error>] = []
        for index in 0..<3 {
            waiters.append(Task {
                try await semaphore.withSlot { order.append("\(index)") }
            })
            for _ in 0..<50 { await Task.yield() }
        }
        semaphore.release()
        for waiter in waiters { try await waiter.value }
        #expect(order.ids == ["0", "1", "2"])
    }

    @Test func servesUrgentWaitersBeforeBackgroundOnesWhateverTheirArrival() async throws {
        let semaphore = AsyncSemaphore(limit: 1)
        try await semaphore.acquire()
        let order = Order()
        var waiters: [Task<Void, any Error>] = []
        for (index, priority) in [AsyncSemaphore.Priority.background, .urgent, .background, .urgent].enumerated() {
            waiters.append(Task {
                try await semaphore.withSlot(priority) { order.append("\(index)") }
            })
            for _ in 0..<50 { await Task.yield() }
        }
        semaphore.release()
        for waiter in waiters { try await waiter.value }
        #expect(order.ids == ["1", "3", "0", "2"])
    }
}

/// The order in which slot holders ran.
private final class Order: Sendable {
    private let state = Mutex<[String]>([])
    var ids: [String] { state.withLock { $0 } }
    func append(_ id: String) { state.withLock { $0.append(id) } }
}
