import AssetPipeBasics
import AssetPipeManifest
import AssetPipeEngine
/// `assetpipe plan --json`: the same plan for scripts, one object per step in execution order.
enum PlanJSON {
    static func render(_ planned: [PlannedStep], manifest: Manifest) -> String {
        let estimator = CostEstimator(manifest: manifest)
        let steps: [JSONValue] = planned.map { entry in
            let step = entry.step
            var status: String
            switch entry.verdict {
            case .upToDate: status = "cached"
            case .outputsOnly: status = "outputs_only"
            case .generate: status = "generate"
            }
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(step.id)), ("status", .string(status)), ("reason", .string(entry.verdict.label)),
                ("model", .string(step.model.description)),
                ("api", .string(manifest.provider(named: step.model.provider)?.api.rawValue ?? "local")),
                ("inputs", .array(PlanPrinter.inputDescriptions(step).map(JSONValue.string))),
                ("outputs", .array(step.outputTargets.map { .string($0.path) })),
            ]
            if let key = entry.key { members.append(("key", .string(key))) }
            if entry.verdict.generates, let cost = entry.estimatedCost(estimator) {
                members.append(("estimated_cost", .number(cost)))
            }
            if let wave = entry.wave { members.append(("batch_wave", .number(Double(wave)))) }
            return .object(members)
        }
        let paid = planned.filter { $0.verdict.generates && !estimator.isFree($0.step.model) }
        let document: JSONValue = .object([
            ("up_to_date", .bool(planned.allSatisfy { if case .upToDate = $0.verdict { true } else { false } })),
            ("paid_requests", .number(Double(paid.count))),
            ("estimated_cost", .number(paid.compactMap { $0.estimatedCost(estimator) }.reduce(0, +))),
            ("steps", .array(steps)),
        ])
        return document.serialized(sortedKeys: false, pretty: true)
    }
}
