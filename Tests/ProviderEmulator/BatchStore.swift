import Synchronization

/// The batches of every account, created by `POST /v1/batches` and advanced by their polls (or
/// by the clock). A batch takes its steps under the store's lock, so two polls racing on one
/// batch take two steps one after the other and no line can run twice.
final class BatchStore: Sendable {
    enum Cancellation {
        case unknown
        case refused(BatchRecord)
        case accepted(BatchRecord)
    }

    private struct State {
        var byID: [String: BatchRecord] = [:]
        /// Ids in creation order.
        var ids: [String] = []
    }

    let behavior: BatchBehavior
    private let state = Mutex(State())

    init(behavior: BatchBehavior) {
        self.behavior = behavior
    }

    func create(_ make: (_ id: String, _ number: Int) -> BatchRecord) -> BatchRecord {
        state.withLock { state in
            let number = state.ids.count + 1
            let record = make("batch_emu\(number)", number)
            state.byID[record.id] = record
            state.ids.append(record.id)
            return record
        }
    }

    /// `owner`'s batch after the steps it is due: one for a poll, and whatever the clock has
    /// granted under the time pace. Nil when `owner` has no such batch.
    func advance(_ id: String, owner: String, at now: Duration, polled: Bool, work: some BatchWork) -> BatchRecord? {
        state.withLock { state in
            guard var record = state.byID[id], record.owner == owner else { return nil }
            catchUp(&record, at: now, polled: polled, work)
            state.byID[id] = record
            return record
        }
    }

    func cancel(_ id: String, owner: String, at now: Duration, work: some BatchWork) -> Cancellation {
        state.withLock { state in
            guard var record = state.byID[id], record.owner == owner else { return .unknown }
            catchUp(&record, at: now, polled: false, work)
            let accepted = record.cancel()
            state.byID[id] = record
            return accepted ? .accepted(record) : .refused(record)
        }
    }

    /// `owner`'s batches newest first, starting after the batch `after` (none when it is not
    /// theirs), at most `limit`, and whether more follow.
    func page(owner: String, after: String?, limit: Int, at now: Duration, work: some BatchWork) -> (batches: [BatchRecord], hasMore: Bool) {
        state.withLock { state in
            var newestFirst = state.ids.reversed().filter { state.byID[$0]?.owner == owner }
            if let after {
                guard let position = newestFirst.firstIndex(of: after) else { return ([], false) }
                newestFirst.removeSubrange(...position)
            }
            let listed = newestFirst.prefix(limit).compactMap { id -> BatchRecord? in
                guard var record = state.byID[id] else { return nil }
                catchUp(&record, at: now, polled: false, work)
                state.byID[id] = record
                return record
            }
            return (listed, newestFirst.count > limit)
        }
    }

    private func catchUp(_ record: inout BatchRecord, at now: Duration, polled: Bool, _ work: some BatchWork) {
        var due: Int
        switch behavior.pace {
        case .perPoll: due = polled ? 1 : 0
        case let .every(period): due = Int(((now - record.created) / period).rounded(.down)) - record.stepsTaken
        }
        while due > 0, !record.status.isTerminal {
            record.step(behavior, work)
            due -= 1
        }
    }
}
