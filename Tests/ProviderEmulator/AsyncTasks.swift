import AssetPipe
import Foundation
import Synchronization

/// Generation tasks of models configured as asynchronous: created by a POST, advanced by polls.
/// A task decides at creation how it will end (an injected `taskFails`, or a payload fault for
/// its images), so a test can script the whole life of one task with one rule.
final class AsyncTaskStore: Sendable {
    struct TaskRecord: Sendable {
        let id: String
        let model: String
        let prompt: String
        let size: String?
        let quality: String?
        /// `generation`, or `edit` when the request carried image inputs.
        let mode: String
        let createdAt: Int
        let pollsBeforeCompletion: Int
        let fault: Fault?
        let specs: [ImageSpec]
        let deliversURL: Bool
        let revisedPrompt: String?
        var polls = 0
        var terminal: JSONValue?

        /// The task object with `status`, plus whatever a finished task adds.
        func object(status: String, adding extra: [(key: String, value: JSONValue)] = []) -> JSONValue {
            .object([
                ("id", .string(id)),
                ("task_id", .string(id)),
                ("object", .string("image.generation.task")),
                ("status", .string(status)),
                ("created_at", .number(Double(createdAt))),
                ("model", .string(model)),
                ("prompt", .string(prompt)),
                ("size", size.map(JSONValue.string) ?? .null),
                ("quality", quality.map(JSONValue.string) ?? .null),
                ("mode", .string(mode)),
            ] + extra)
        }
    }

    enum Poll {
        case unknown
        case running(TaskRecord, status: String)
        /// The poll that finishes the task: the caller renders the result and calls `finish`.
        case finishing(TaskRecord)
        case finished(JSONValue)
    }

    private let tasks = Mutex<(count: Int, byID: [String: TaskRecord])>((0, [:]))

    func create(_ make: (String) -> TaskRecord) -> TaskRecord {
        tasks.withLock { state in
            state.count += 1
            let record = make("task-emu-\(state.count)")
            state.byID[record.id] = record
            return record
        }
    }

    func peek(_ id: String) -> TaskRecord? {
        tasks.withLock { $0.byID[id] }
    }

    /// Counts one poll. A task answers `QUEUED` on its first poll and `RUNNING` after, until it
    /// has been polled `pollsBeforeCompletion` times; the next poll finishes it.
    func poll(_ id: String) -> Poll {
        tasks.withLock { state in
            guard var record = state.byID[id] else { return .unknown }
            record.polls += 1
            state.byID[id] = record
            if let terminal = record.terminal { return .finished(terminal) }
            if record.polls <= record.pollsBeforeCompletion {
                return .running(record, status: record.polls == 1 ? "QUEUED" : "RUNNING")
            }
            return .finishing(record)
        }
    }

    /// Stores the final object; when two polls race to finish a task, the first result stands.
    func finish(_ id: String, with terminal: JSONValue) -> JSONValue {
        tasks.withLock { state in
            if let existing = state.byID[id]?.terminal { return existing }
            state.byID[id]?.terminal = terminal
            return terminal
        }
    }
}
