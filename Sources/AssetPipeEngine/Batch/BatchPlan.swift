import AssetPipeManifest

/// Which steps of a run go through batches, and in which wave: a step that takes an image from
/// a batched step of the same run waits for that batch and joins a later one, so wave `k + 1`
/// holds what wave `k`'s results unlock.
public struct BatchPlan: Sendable, Equatable {
    /// Step id → wave, from 1, for the steps that start in a batch.
    public var waves: [String: Int]

    public static let none = BatchPlan(waves: [:])

    public init(waves: [String: Int]) {
        self.waves = waves
    }

    /// `steps` in execution order; `generating`, the ids of those that will ask for images.
    public init(manifest: Manifest, steps: [Step], generating: Set<String>, options: BatchOptions) {
        var waves: [String: Int] = [:]
        // The last wave each step waits on, through steps sent on their own too: a step after a
        // synchronous step after a batched one cannot join that batch's wave.
        var waitsOn: [String: Int] = [:]
        for step in steps {
            let upstream = step.upstreamStepIDs.filter(generating.contains)
            let after = upstream.compactMap { waitsOn[$0] }.max() ?? 0
            waitsOn[step.id] = after
            guard generating.contains(step.id), Self.accepts(step, on: step.model, manifest: manifest, options: options) else { continue }
            if options.mode == .roots, !upstream.isEmpty, step.batch != true { continue }
            waves[step.id] = after + 1
            waitsOn[step.id] = after + 1
        }
        self.waves = waves
    }

    public var waveCount: Int { waves.values.max() ?? 0 }

    /// Whether `step`'s request to `model` goes in a batch: the model's provider speaks OpenAI's
    /// API, the operation is one a batch line can carry, and the step, its provider or the run
    /// asks for it — in that order of precedence.
    public static func accepts(_ step: Step, on model: ModelRef, manifest: Manifest, options: BatchOptions) -> Bool {
        guard step.operation == .generate, let config = manifest.provider(named: model.provider), config.api == .openai else {
            return false
        }
        return step.batch ?? config.batch ?? (options.mode != .off)
    }
}
