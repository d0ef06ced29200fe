import AssetPipeBasics
/// Runs `operation` and gives up when `clock` reaches `deadline`.
///
/// Deadlines are enforced here rather than in the transport because URLSession on Linux only has
/// a whole-second idle timeout, and because tests drive time with a manual clock. When the
/// deadline wins, the operation is cancelled and its result discarded.
func withDeadline<T: Sendable>(
    _ deadline: Duration, on clock: any RunClock, timeoutMessage: @autoclosure () -> String,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let outcome = try await withThrowingTaskGroup(of: DeadlineOutcome<T>.self) { group in
        group.addTask { .finished(try await operation()) }
        group.addTask {
            try await clock.sleep(until: deadline)
            return .deadlinePassed
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return DeadlineOutcome<T>.deadlinePassed }
        return first
    }
    switch outcome {
    case let .finished(value): return value
    case .deadlinePassed: throw ProviderError(.timeout, timeoutMessage())
    }
}

private enum DeadlineOutcome<T: Sendable>: Sendable {
    case finished(T)
    case deadlinePassed
}
