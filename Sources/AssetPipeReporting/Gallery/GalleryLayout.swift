/// The report's steps as the gallery lays them out: one card per step, each with its anchor,
/// the steps it takes images from, and the steps that edit it.
///
/// Cards follow the report's order, except that an edit comes right after the last step it
/// takes an image from, so an edit chain reads parent → child in one run of cards.
struct GalleryLayout: Sendable {
    struct Card: Sendable {
        var step: ReportDocument.StepEntry
        var anchor: String
        var inputs: [Input]
        /// The cards whose inputs name this step, in layout order.
        var usedBy: [StepLink]
    }

    /// A step's card, as a link target.
    struct StepLink: Sendable, Equatable {
        var id: String
        var anchor: String
    }

    /// One of a step's inputs: another step (linked when the report has it), a file or a URL.
    struct Input: Sendable, Equatable {
        enum Source: Sendable, Equatable {
            /// `index`: which of its images, when not the first.
            case step(StepLink, index: Int?)
            /// A step the report does not list.
            case unlistedStep(String)
            case file(String)
            case url(String)
        }
        /// `image`, `mask` or `reference_image`.
        var role: String
        var source: Source
    }

    var cards: [Card]

    init(_ steps: [ReportDocument.StepEntry]) {
        let anchors = Self.anchors(steps)
        var firstIndex: [String: Int] = [:]
        for (index, step) in steps.enumerated() where firstIndex[step.id] == nil { firstIndex[step.id] = index }
        let parents = steps.enumerated().map { index, step in
            Set(step.inputs.compactMap { $0.step.flatMap { firstIndex[$0] } }).subtracting([index])
        }
        var children = Array(repeating: [Int](), count: steps.count)
        for (child, its) in parents.enumerated() { for parent in its { children[parent].append(child) } }
        let order = Self.chainOrder(parents: parents, children: children.map { $0.sorted() })
        var position = Array(repeating: 0, count: steps.count)
        for (place, index) in order.enumerated() { position[index] = place }
        let link = { (index: Int) in StepLink(id: steps[index].id, anchor: anchors[index]) }
        cards = order.map { index in
            let inputs = steps[index].inputs.map { input in
                let source: Input.Source = if let id = input.step {
                    firstIndex[id].map { .step(link($0), index: input.index) } ?? .unlistedStep(id)
                } else if let url = input.url {
                    .url(url)
                } else {
                    .file(input.file ?? "")
                }
                return Input(role: input.role, source: source)
            }
            return Card(step: steps[index], anchor: anchors[index], inputs: inputs,
                        usedBy: children[index].sorted { position[$0] < position[$1] }.map(link))
        }
    }

    /// Each step's anchor; a second card with the same id (a hand-edited report) gets its own.
    private static func anchors(_ steps: [ReportDocument.StepEntry]) -> [String] {
        var occurrences: [String: Int] = [:]
        return steps.map { step in
            occurrences[step.id, default: 0] += 1
            return StepAnchor.id(for: step.id, occurrence: occurrences[step.id] ?? 1)
        }
    }

    /// Report order, each step placed as soon as all its parents are, and its children tried
    /// right after it (depth first). Steps caught in a cycle, which no run writes, go last.
    private static func chainOrder(parents: [Set<Int>], children: [[Int]]) -> [Int] {
        let count = parents.count
        var placed = Set<Int>()
        var order: [Int] = []
        for root in 0..<count {
            var stack = [root]
            while let index = stack.popLast() {
                guard !placed.contains(index), parents[index].isSubset(of: placed) else { continue }
                placed.insert(index)
                order.append(index)
                stack += children[index].reversed()
            }
        }
        return order + (0..<count).filter { !placed.contains($0) }
    }
}
