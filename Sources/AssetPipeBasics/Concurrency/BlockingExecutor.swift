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

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await slots.withSlot {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try work() }) }
            }
        }
    }
}
