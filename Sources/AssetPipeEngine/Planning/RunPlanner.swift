import Foundation
import AssetPipeManifest
import AssetPipeCache

/// One step of a plan: what a run would do for it.
public struct PlannedStep: Sendable {
    public var step: Step
    public var verdict: Verdict
    /// The cache key, when every input's content is known before the run.
    public var key: String?
    /// The batch wave its request would go in (`run --batch`); nil when it is sent on its own.
    public var wave: Int?

    /// What it would cost, at the batch price when it would go in a batch; nil without a price.
    public func estimatedCost(_ estimator: CostEstimator) -> Double? {
        estimator.estimate(step.model, step.parameters, inBatch: wave != nil)
    }
}

/// Works out, before anything runs, what a run will do for each step: the same decision the
/// runner makes, with the images of steps that will be regenerated still unknown.
public struct RunPlanner: Sendable {
    public var manifest: Manifest
    public var check: FreshnessCheck

    public init(manifest: Manifest, check: FreshnessCheck) {
        self.manifest = manifest
        self.check = check
    }

    /// Plans `steps` (in execution order). A step that must be regenerated and edits an
    /// up-to-date step whose original images are not in the cache (a fresh checkout with committed
    /// outputs) or are damaged forces that upstream step too: an edit needs the original image,
    /// never an output.
    public func plan(_ steps: [Step]) -> (steps: [PlannedStep], forced: Set<String>) {
        var planner = self
        let requested = check.forced
        while true {
            let planned = planner.planOnce(steps, requested: requested)
            let verdicts = Dictionary(uniqueKeysWithValues: planned.map { ($0.step.id, $0.verdict) })
            let missing = Set(planned.filter(\.verdict.generates).flatMap { $0.step.upstreamStepIDs }.filter { id in
                guard let record = verdicts[id]?.record else { return false }
                return !planner.check.hasIntactImages(record)
            })
            guard !missing.isSubset(of: planner.check.forced) else { return (planned, planner.check.forced) }
            planner.check.forced.formUnion(missing)
        }
    }

    /// Why a step promoted to regeneration (not `--force`d by the user) is generated.
    static let promotedReason = "cache missing (an edit needs the original image)"

    /// `requested`: the steps the user forced; the rest of `check.forced` was promoted.
    private func planOnce(_ steps: [Step], requested: Set<String>) -> [PlannedStep] {
        var records: [String: GenerationRecord] = [:]
        var fileHashes = FileHashMemo()
        return steps.map { step in
            let forcedReason = requested.contains(step.id) ? "forced" : check.forced.contains(step.id) ? Self.promotedReason : nil
            guard let material = manifest.keyMaterial(for: step, upstream: records, files: &fileHashes) else {
                let regenerated = step.upstreamStepIDs.filter { records[$0] == nil }
                let reason = check.lockfile?.steps[step.id] == nil ? "new" : "changed (upstream \(regenerated.joined(separator: ", ")))"
                return PlannedStep(step: step, verdict: .generate(reason: forcedReason ?? reason), key: nil)
            }
            var verdict = check.verdict(for: step, material: material)
            if let forcedReason { verdict = .generate(reason: forcedReason) }
            if let record = verdict.record { records[step.id] = record }
            return PlannedStep(step: step, verdict: verdict, key: material.key)
        }
    }
}
