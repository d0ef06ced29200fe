import Synchronization

/// Every request the emulator received, in arrival order. Entries are added when a request's
/// body has been read and completed when its answer is on the wire, so a test can see a hung
/// request while it hangs.
final class RequestLog: Sendable {
    private let entries = Mutex<[RecordedRequest]>([])

    /// Appends the request and returns it with its sequence number filled in.
    func begin(_ make: (Int) -> RecordedRequest) -> RecordedRequest {
        entries.withLock { entries in
            let record = make(entries.count + 1)
            entries.append(record)
            return record
        }
    }

    func update(_ record: RecordedRequest) {
        entries.withLock { $0[record.sequence - 1] = record }
    }

    var all: [RecordedRequest] { entries.withLock { $0 } }

    /// Sliding windows of length `window` that held more than `limit` arrivals of `label`'s
    /// requests; each violation is reported once, at the first arrival of the window. Batch
    /// lines did not arrive over HTTP and count against no request limit.
    func windowViolations(forKey label: String, window: Duration, limit: Int) -> [WindowViolation] {
        let arrivals = all.filter { $0.key.label == label && !$0.isBatchLine }.map(\.arrival).sorted()
        var violations: [WindowViolation] = []
        var end = 0
        for start in arrivals.indices {
            end = max(end, start)
            while end < arrivals.count, arrivals[end] - arrivals[start] < window { end += 1 }
            let count = end - start
            if count > limit { violations.append(WindowViolation(start: arrivals[start], count: count)) }
        }
        return violations
    }
}

/// A window that held more requests than allowed.
public struct WindowViolation: Sendable, Equatable {
    /// Arrival time of the window's first request, since the emulator was created.
    public var start: Duration
    public var count: Int
}
