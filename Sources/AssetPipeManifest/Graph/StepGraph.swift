/// The manifest's steps as a dependency graph: who feeds whom, in an order where every step
/// comes after the steps it consumes.
public struct StepGraph: Sendable {
    /// Steps in a dependency-respecting order, ties kept in manifest order.
    public let ordered: [Step]
    /// For each step id, the ids of the steps that consume its images.
    public let dependents: [String: [String]]

    /// Fails when a step references an unknown step or the references form a cycle; a validated
    /// manifest never does.
    public init(steps: [Step]) throws(GraphError) {
        let ids = Set(steps.map(\.id))
        var dependents: [String: [String]] = [:]
        for step in steps {
            for upstream in step.upstreamStepIDs {
                guard ids.contains(upstream) else { throw .unknownStep(upstream, referencedBy: step.id) }
                dependents[upstream, default: []].append(step.id)
            }
        }
        if let cycle = StepGraph.findCycle(in: steps.map { ($0.id, $0.upstreamStepIDs) }) { throw .cycle(cycle) }
        self.dependents = dependents
        self.ordered = StepGraph.topologicalOrder(steps, dependents: dependents)
    }

    /// Kahn's algorithm, always taking the earliest-declared ready step.
    private static func topologicalOrder(_ steps: [Step], dependents: [String: [String]]) -> [Step] {
        let position = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.id, $0) })
        var remaining = steps.map { $0.upstreamStepIDs.count }
        var ready = MinHeap(steps.indices.filter { remaining[$0] == 0 })
        var ordered: [Step] = []
        ordered.reserveCapacity(steps.count)
        while let index = ready.popMin() {
            ordered.append(steps[index])
            for dependent in dependents[steps[index].id] ?? [] {
                guard let dependentIndex = position[dependent] else { continue }
                remaining[dependentIndex] -= 1
                if remaining[dependentIndex] == 0 { ready.insert(dependentIndex) }
            }
        }
        return ordered
    }

    /// The first cycle among `nodes` (each step's id and the ids it consumes), as step ids
    /// closing on the first (`["a", "b", "a"]`), or nil. References to unknown steps are ignored.
    public static func findCycle(in nodes: [(id: String, upstream: [String])]) -> [String]? {
        let upstreamByID = Dictionary(nodes.map { ($0.id, $0.upstream) }, uniquingKeysWith: { first, _ in first })
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        for root in nodes where marks[root.id] == nil {
            // Iterative depth-first search: manifests can hold thousands of chained steps.
            var path: [(id: String, next: Int)] = [(root.id, 0)]
            marks[root.id] = .visiting
            while let top = path.last {
                let upstream = upstreamByID[top.id] ?? []
                guard top.next < upstream.count else {
                    marks[top.id] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let candidate = upstream[top.next]
                guard upstreamByID[candidate] != nil else { continue }
                switch marks[candidate] {
                case .visiting:
                    let start = path.firstIndex { $0.id == candidate } ?? 0
                    // Edges point from consumer to producer; print in data-flow order.
                    return (path[start...].map(\.id) + [candidate]).reversed()
                case .done:
                    continue
                case nil:
                    marks[candidate] = .visiting
                    path.append((candidate, 0))
                }
            }
        }
        return nil
    }

    /// The given steps plus everything they need, transitively, in execution order.
    public func closure(of ids: Set<String>) -> [Step] {
        let byID = Dictionary(uniqueKeysWithValues: ordered.map { ($0.id, $0) })
        var needed = Set<String>()
        var stack = Array(ids)
        while let id = stack.popLast() {
            guard needed.insert(id).inserted, let step = byID[id] else { continue }
            stack.append(contentsOf: step.upstreamStepIDs)
        }
        return ordered.filter { needed.contains($0.id) }
    }

    /// Every step that consumes `id`'s images, directly or through other steps.
    public func downstream(of id: String) -> Set<String> {
        var found = Set<String>()
        var stack = dependents[id] ?? []
        while let next = stack.popLast() {
            if found.insert(next).inserted { stack.append(contentsOf: dependents[next] ?? []) }
        }
        return found
    }
}

public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownStep(String, referencedBy: String)
    case cycle([String])

    public var description: String {
        switch self {
        case let .unknownStep(id, step): return "step '\(step)' references unknown step '\(id)'"
        case let .cycle(ids): return "dependency cycle: " + ids.joined(separator: " -> ")
        }
    }
}
