import AssetPipeManifest
/// The bookkeeping of a run: which steps wait on how many inputs, which results must stay in
/// memory because a consumer has not run yet, and which steps are decided.
///
/// Results (and their image bytes) are dropped as soon as their last consumer is decided, so a
/// long run holds only the images that some pending step still needs.
struct Schedule {
    private let steps: [Step]
    private let graph: StepGraph
    private let byID: [String: Step]
    private var waitingInputs: [String: Int] = [:]
    private var pendingConsumers: [String: Int] = [:]
    private var results: [String: StepResult] = [:]
    private var decided = Set<String>()

    /// `steps` is the part of `graph` this run executes, in execution order.
    init(steps: [Step], graph: StepGraph) {
        self.steps = steps
        self.graph = graph
        self.byID = Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for step in steps {
            waitingInputs[step.id] = step.upstreamStepIDs.count
            for upstream in step.upstreamStepIDs {
                pendingConsumers[upstream, default: 0] += 1
            }
        }
    }

    var initiallyReady: [Step] { steps.filter { waitingInputs[$0.id] == 0 } }

    var undecided: [Step] { steps.filter { !decided.contains($0.id) } }

    func upstreamResults(for step: Step) -> [String: StepResult] {
        Dictionary(step.upstreamStepIDs.compactMap { id in results[id].map { (id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Records a success; returns the steps that became ready.
    mutating func succeeded(_ step: Step, _ result: StepResult) -> [Step] {
        decide(step)
        if pendingConsumers[step.id, default: 0] > 0 { results[step.id] = result }
        var ready: [Step] = []
        for id in graph.dependents[step.id] ?? [] where !decided.contains(id) {
            guard let dependent = byID[id], var waiting = waitingInputs[id] else { continue }
            waiting -= 1
            waitingInputs[id] = waiting
            if waiting == 0 { ready.append(dependent) }
        }
        return ready
    }

    /// Records a step that ran and failed or was cancelled.
    mutating func finishedWithoutImages(_ step: Step) {
        decide(step)
    }

    /// Marks every step downstream of `id` as decided (skipped); returns them in run order.
    mutating func skipDownstream(of id: String) -> [Step] {
        let found = graph.downstream(of: id)
        let skipped = steps.filter { found.contains($0.id) && !decided.contains($0.id) }
        skipped.forEach { decide($0) }
        return skipped
    }

    /// A decided step no longer needs its inputs: release images nobody else waits for.
    private mutating func decide(_ step: Step) {
        decided.insert(step.id)
        for upstream in step.upstreamStepIDs {
            pendingConsumers[upstream, default: 0] -= 1
            if pendingConsumers[upstream] == 0 { results[upstream] = nil }
        }
    }
}
