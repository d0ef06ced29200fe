import Foundation
import Synchronization
import AssetPipeBasics

/// Generation tasks of models configured as asynchronous: created by a POST, advanced by polls
/// (or by time). A task decides at creation how it will end (an injected `taskFails`, or a
/// payload fault for its images), so a test can script the whole life of one task with one rule.
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
        let behavior: TaskBehavior
        /// When the task was created, on the emulator's clock.
        let created: Duration
        let fault: Fault?
        let specs: [ImageSpec]
        let deliversURL: Bool
        let revisedPrompt: String?
        var polls = 0
        var terminal: JSONValue?

        /// The task object with `status`, plus whatever a finished task adds.
        func object(_ status: TaskBehavior.TaskStatus, adding extra: [(key: String, value: JSONValue)] = []) -> JSONValue {
            .object([
                ("id", .string(id)),
                ("task_id", .string(id)),
                ("object", .string("image.generation.task")),
                ("status", .string(behavior.spelling.word(status))),
                ("created_at", .number(Double(createdAt))),
                ("model", .string(model)),
                ("prompt", .string(prompt)),
                ("size", size.map(JSONValue.string) ?? .null),
                ("quality", quality.map(JSONValue.string) ?? .null),
                ("mode", .string(mode)),
            ] + extra)
        }

        /// Whether the poll being answered finishes the task.
        func isDone(at now: Duration) -> Bool {
            switch behavior.completion {
            case let .afterPolls(count): polls > count
            case let .afterRendering(duration): now - created >= duration
            }
        }
    }

    enum Poll {
        case unknown
        case running(TaskRecord, TaskBehavior.TaskStatus)
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

    /// Counts one poll at `now`. A task answers queued on its first poll and running after,
    /// until it is done; the poll that finds it done finishes it.
    func poll(_ id: String, at now: Duration) -> Poll {
        tasks.withLock { state in
            guard var record = state.byID[id] else { return .unknown }
            record.polls += 1
            state.byID[id] = record
            if let terminal = record.terminal { return .finished(terminal) }
            guard record.isDone(at: now) else { return .running(record, record.polls == 1 ? .queued : .running) }
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

    /// `items` (`data` items with `b64_json` or `url`) where `shape` puts a finished task's images.
    static func placing(_ items: [JSONValue], as shape: TaskBehavior.ResultShape) -> [(key: String, value: JSONValue)] {
        let urls = items.compactMap { $0["url"] }
        let urlObjects = JSONValue.array(urls.map { .object([("url", $0)]) })
        switch shape {
        case .data: return [("data", .array(items))]
        case .resultData: return [("result", .object([("data", urlObjects)]))]
        case .resultImages: return [("result", .object([("images", urlObjects)]))]
        case .resultURL: return [("result", .object([("url", urls.first ?? .null)]))]
        case .imageList: return [("images", urlObjects)]
        case .outputURLs: return [("output", .array(urls))]
        }
    }

    /// How many images a finished task object carries, whatever its shape.
    static func imageCount(in terminal: JSONValue) -> Int {
        for candidate in [terminal["data"], terminal["result"]?["data"], terminal["result"]?["images"], terminal["images"],
                          terminal["output"]] {
            if case let .array(items)? = candidate { return items.count }
        }
        return terminal["result"]?["url"]?.stringValue == nil ? 0 : 1
    }
}
