import Foundation
import Synchronization
import AssetPipeProviders

/// An async-task platform in memory: every request is accepted as a task that finishes on its
/// `pollsToFinish`-th poll, unless a script for the step says how it ends. Records submissions,
/// polls, requests in flight and tasks in flight, so specs can check what waiting holds.
final class ScriptedTaskProvider: ImageProvider {
    /// How one submitted task ends.
    enum Ending: Sendable {
        case images
        /// The task ends with this error on its last poll (`.taskFailed`, `.rejected`, `.taskUnsettled`).
        case error(ProviderError)
    }

    private struct State {
        var endings: [String: [Ending]] = [:]
        var tasks: [String: (stepID: String, polls: Int, ending: Ending)] = [:]
        var submissions: [String] = []
        var polls = 0
        var requestsInFlight = 0
        var maxRequestsInFlight = 0
        var maxTasksInFlight = 0
    }

    private let state = Mutex(State())
    let name: String
    let pollsToFinish: Int

    init(name: String = "fake", pollsToFinish: Int = 3) {
        self.name = name
        self.pollsToFinish = pollsToFinish
    }

    /// How the next tasks of `stepID` end, in order; later tasks end with images.
    func script(_ stepID: String, _ endings: [Ending]) {
        state.withLock { $0.endings[stepID] = endings }
    }

    /// Step ids of the tasks submitted, in order.
    var submissions: [String] { state.withLock { $0.submissions } }
    var polls: Int { state.withLock { $0.polls } }
    var maxRequestsInFlight: Int { state.withLock { $0.maxRequestsInFlight } }
    var maxTasksInFlight: Int { state.withLock { $0.maxTasksInFlight } }

    func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
        let id = enter { state in
            let id = "task-\(state.submissions.count + 1)"
            state.submissions.append(request.stepID)
            var queue = state.endings[request.stepID] ?? []
            let ending = queue.isEmpty ? Ending.images : queue.removeFirst()
            state.endings[request.stepID] = queue
            state.tasks[id] = (request.stepID, 0, ending)
            state.maxTasksInFlight = max(state.maxTasksInFlight, state.tasks.count)
            return id
        }
        defer { leave() }
        for _ in 0..<10 { await Task.yield() }
        return .task(id: id)
    }

    func poll(task id: String, for request: GenerationRequest) async throws -> TaskProgress {
        let (done, ending) = enter { state -> (Bool, Ending?) in
            state.polls += 1
            guard var task = state.tasks[id] else { return (true, .error(ProviderError(.rejected, "task \(id) not found"))) }
            task.polls += 1
            state.tasks[id] = task
            guard task.polls >= pollsToFinish else { return (false, nil) }
            state.tasks[id] = nil
            return (true, task.ending)
        }
        defer { leave() }
        for _ in 0..<10 { await Task.yield() }
        guard done, let ending else { return .pending(status: "RUNNING") }
        switch ending {
        case .images:
            return .finished(GenerationResult(images: (0..<request.parameters.n).map { index in
                FakeImages.encoded("\(request.stepID)#\(index)", provider: name)
            }))
        case let .error(error):
            throw error
        }
    }

    private func enter<T>(_ body: (inout State) -> T) -> T {
        state.withLock { state in
            state.requestsInFlight += 1
            state.maxRequestsInFlight = max(state.maxRequestsInFlight, state.requestsInFlight)
            return body(&state)
        }
    }

    private func leave() {
        state.withLock { $0.requestsInFlight -= 1 }
    }
}
