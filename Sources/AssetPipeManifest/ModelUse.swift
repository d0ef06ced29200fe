/// One model ref and the steps that name it, as their model or a fallback (`defaults` included:
/// they are applied to the steps).
public struct ModelUse: Sendable, Equatable {
    public var model: ModelRef
    /// In step order, each once.
    public var steps: [String]

    public init(model: ModelRef, steps: [String]) {
        self.model = model
        self.steps = steps
    }

    /// The refs of `steps` that `include` keeps, in first-use order, each with its steps.
    public static func collect(in steps: [Step], where include: (ModelRef, Step) -> Bool = { _, _ in true }) -> [ModelUse] {
        var uses: [ModelUse] = []
        for step in steps {
            for model in [step.model] + step.fallbacks where include(model, step) {
                if let index = uses.firstIndex(where: { $0.model == model }) {
                    if !uses[index].steps.contains(step.id) { uses[index].steps.append(step.id) }
                } else {
                    uses.append(ModelUse(model: model, steps: [step.id]))
                }
            }
        }
        return uses
    }
}
