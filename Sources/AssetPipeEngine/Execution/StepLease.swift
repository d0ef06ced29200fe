import Synchronization
import AssetPipeBasics

/// A step's claim on one of the run's `--jobs` slots: taken for a request, and kept while its
/// answer is decoded, stored and rendered into outputs, so that the number of answers held in
/// memory at once is bounded by `--jobs` however much faster the network is than the codecs.
/// Released while the step only waits (backoff, an async task, a batch) and once it is done.
final class StepLease: Sendable {
    private let slots: AsyncSemaphore
    private let held = Mutex(false)

    init(slots: AsyncSemaphore) {
        self.slots = slots
    }

    /// Takes a slot unless the step holds one already.
    func hold() async throws {
        if held.withLock({ $0 }) { return }
        try await slots.acquire()
        held.withLock { $0 = true }
    }

    func release() {
        let wasHeld = held.withLock { held in
            defer { held = false }
            return held
        }
        if wasHeld { slots.release() }
    }
}
