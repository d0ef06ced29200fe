import Foundation
import Dispatch

/// Runs CPU-heavy work (decoding, resizing, encoding, rendering) off Swift's cooperative thread
/// pool, at most one job per core, so a long PNG encode never starves the tasks that are
/// waiting on the network.
public final class BlockingExecutor: Sendable {
    private let slots: AsyncSemaphore
    private let queue = DispatchQueue(label: "assetpipe.cpu", attributes: .concurrent)

    public init(width: Int = ProcessInfo.processInfo.activeProcessorCount) {
        slots = AsyncSemaphore(limit: max(width, 1))
    }

    public static let shared = BlockingExecutor()

    /// For writes that wait on the disk rather than a core (an answer made durable the moment it
    /// arrives): they must not queue behind encodes, and several may wait on fsync at once.
    public static let diskWrites = BlockingExecutor(width: 8)

    /// Runs `work` here; a cancelled caller gives up waiting for a slot (`CancellationError`).
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await slots.withSlot {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try work() }) }
            }
        }
    }

    /// Runs `work` here even when the caller has been cancelled: for the writes that keep what a
    /// run has paid for — a cache record, the journal of a submitted task, the lockfile — which an
    /// interrupt must not skip, since keeping them is what makes the interrupt safe.
    public func runToCompletion<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await Task.detached { [self] in try await run(work) }.value
    }
}
