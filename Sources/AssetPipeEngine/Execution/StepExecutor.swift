import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeImaging
import AssetPipeCache

/// Carries out one step: asks the freshness check what is needed, then serves it from the
/// cache, re-renders outputs, or generates — recording every generation in the cache the moment
/// it arrives, so a crash never loses a paid result.
struct StepExecutor: Sendable {
    var manifest: Manifest
    var attempts: ModelAttempts
    var writer: OutputWriter
    var clock: any RunClock
    var caching: RunCaching?
    var check: FreshnessCheck?
    var estimator: CostEstimator
    var journal: GenerationJournal?
    /// File reads, hashing and cache writes run here, off the cooperative pool.
    var blocking: BlockingExecutor

    func execute(_ step: Step, upstream: [String: StepResult]) async -> StepResult {
        let start = clock.now
        var outcome = StepOutcome(stepID: step.id, status: .succeeded, model: step.model)
        var finished: StepResult
        do {
            finished = try await perform(step, upstream: upstream, outcome: &outcome)
        } catch {
            finished = StepResult(outcome: Self.outcome(outcome, after: error))
        }
        finished.outcome.duration = clock.now - start
        return finished
    }

    /// The outcome of a step that ended with `error`: what it had done so far, and why it stopped.
    private static func outcome(_ partial: StepOutcome, after error: any Error) -> StepOutcome {
        var outcome = partial
        switch error {
        case is CancellationError:
            outcome.status = .cancelled
        case let notStarted as StepNotStarted:
            return StepOutcome(stepID: partial.stepID, status: .skipped(reason: notStarted.reason))
        case let submitted as BatchSubmitted:
            outcome.status = .skipped(reason: submitted.reason)
            outcome.submittedInBatch = submitted.batchID
        case let failure as StepGenerationFailure:
            outcome.status = .failed(reason: failure.message)
            outcome.model = failure.model
            outcome.attempts = failure.attempts
            outcome.notes = failure.notes
        case let error as StepInputError:
            outcome.status = .failed(reason: error.message)
        case let error as CacheError:
            outcome.status = .failed(reason: "recording the result in the cache: \(error)")
        default:
            outcome.status = Task.isCancelled ? .cancelled : .failed(reason: "writing outputs: \(error)")
        }
        return outcome
    }

    private func perform(_ step: Step, upstream: [String: StepResult], outcome: inout StepOutcome) async throws -> StepResult {
        let material = try await blocking.run { [self] in try keyMaterial(for: step, upstream: upstream) }
        if let check, let material {
            switch try await blocking.run({ check.verdict(for: step, material: material) }) {
            case let .upToDate(record):
                outcome.source = .cache
                outcome.images = record.images
                outcome.model = ModelRef(parsing: record.model)
                outcome.savedCost = record.cost
                let entry = lockEntry(step, material, record, writing: [:])
                outcome.outputs = Self.files(of: step, written: [:], locked: entry.outputs)
                return StepResult(outcome: outcome, record: record, lockEntry: entry)
            case let .outputsOnly(record, stale, _):
                if let images = try await blocking.run({ [caching] in caching?.cache.images(for: record) }) {
                    let written = try await writer.write(step.outputTargets.filter { stale.contains($0.path) }, from: images)
                    outcome.source = .rerendered
                    outcome.images = record.images
                    outcome.model = ModelRef(parsing: record.model)
                    outcome.savedCost = record.cost
                    let entry = lockEntry(step, material, record, writing: written)
                    outcome.outputs = Self.files(of: step, written: written, locked: entry.outputs)
                    return StepResult(outcome: outcome, record: record, images: images, lockEntry: entry)
                }
            case .generate:
                break
            }
        }
        return try await generate(step, material: material, upstream: upstream, outcome: &outcome)
    }

    private func generate(_ step: Step, material: KeyMaterial?, upstream: [String: StepResult],
                          outcome: inout StepOutcome) async throws -> StepResult {
        let inputs = try await blocking.run { [self] in try step.inputs.resolved(upstream: try upstreamImages(step, upstream)) }
        // What a generation pays for stays recorded until its result is stored: an interrupted or
        // killed run leaves it for the next run to collect. `--force` asks for new images, so a
        // forced step starts afresh.
        var leftovers = GenerationJournal.Leftovers()
        if let material, let journal { leftovers = await journal.open(stepID: step.id, key: material.key) }
        let forced = check?.forced.contains(step.id) == true
        if forced { leftovers = .init() }
        // The step's `--jobs` slot, from its request to its last output: answers held in memory
        // are bounded by `--jobs`.
        let lease = StepLease(slots: attempts.globalSlots)
        defer { lease.release() }
        let generated = try await StepContext.$stepID.withValue(step.id) {
            try await StepContext.$lease.withValue(lease) {
                try await attempts.generate(step: step, inputs: inputs, leftovers: leftovers, key: material?.key,
                                            reusesEarlierWork: !forced)
            }
        }
        let model = generated.model ?? step.model
        outcome.model = model
        outcome.attempts = generated.attempts
        outcome.notes = generated.notes
        outcome.revisedPrompts = generated.revisedPrompts.compactMap { $0 }
        outcome.cost = generated.reportedCost ?? estimator.estimate(model, step.parameters, inBatch: generated.batchID != nil)
        if generated.batchID != nil, let full = estimator.estimate(model, step.parameters), let cost = outcome.cost {
            outcome.savedByBatch = max(full - cost, 0)
        }
        let images = generated.images
        outcome.imageCount = images.count
        var record: GenerationRecord?
        if let caching, let material {
            let (cost, notes) = (outcome.cost, generated.notes)
            // Paid for: stored even if an interrupt arrives now.
            record = try await blocking.runToCompletion {
                try caching.cache.store(key: material.key, images: images, model: model.description, cost: cost,
                                        generatedAt: caching.timestamp(), notes: notes)
            }
            await journal?.settled(stepID: step.id)
            outcome.images = record?.images ?? []
        }
        let written = try await writer.write(step.outputTargets, from: images)
        outcome.outputs = Self.files(of: step, written: written, locked: written)
        let entry = record.flatMap { record in material.map { lockEntry(step, $0, record, writing: written) } }
        return StepResult(outcome: outcome, record: record, images: images, lockEntry: entry)
    }

    /// Every output of the step: written now, or already on disk as the lockfile records it.
    private static func files(of step: Step, written: [String: LockedOutput], locked: [String: LockedOutput]) -> [OutputFile] {
        step.outputTargets.map { target in
            OutputFile(path: target.path, written: written[target.path] != nil, locked: locked[target.path])
        }
    }

    /// Key material from the upstream records (nil when the run keeps no cache).
    private func keyMaterial(for step: Step, upstream: [String: StepResult]) throws(StepInputError) -> KeyMaterial? {
        guard caching != nil else { return nil }
        var files = FileHashMemo()
        guard let material = manifest.keyMaterial(for: step, upstream: upstream.compactMapValues(\.record), files: &files) else {
            throw StepInputError(message: "cannot read the inputs of '\(step.id)' to compute its cache key")
        }
        return material
    }

    /// The upstream images as bytes: from memory, or from the cache for steps that were
    /// served from it.
    private func upstreamImages(_ step: Step, _ upstream: [String: StepResult]) throws(StepInputError) -> [String: [EncodedImage]] {
        var images: [String: [EncodedImage]] = [:]
        for id in step.upstreamStepIDs {
            guard let artifacts = upstream[id] else { continue }
            if let loaded = artifacts.images {
                images[id] = loaded
            } else if let cached = artifacts.record.flatMap({ caching?.cache.images(for: $0) }) {
                // A provider's handle (`file_id`) from an earlier run may have expired: images
                // from the cache are sent as bytes.
                images[id] = cached.map { image in
                    var bytesOnly = image
                    bytesOnly.origin?.fileID = nil
                    return bytesOnly
                }
            } else {
                throw StepInputError(message: "the original image of '\(id)' is not in the cache (deleted or corrupt); run with --force \(id) to regenerate it")
            }
        }
        return images
    }

    /// The step's lockfile entry: outputs just written, plus those the lockfile already had
    /// right for the same key.
    private func lockEntry(_ step: Step, _ material: KeyMaterial, _ record: GenerationRecord,
                           writing written: [String: LockedOutput]) -> LockedStep {
        let previous = check?.lockfile?.steps[step.id].flatMap { $0.key == material.key ? $0.outputs : nil } ?? [:]
        var outputs: [String: LockedOutput] = [:]
        for target in step.outputTargets {
            outputs[target.path] = written[target.path] ?? previous[target.path]
        }
        return LockedStep(key: material.key, fingerprints: material.fingerprints, model: record.model, images: record.images,
                          outputs: outputs, cost: record.cost, generatedAt: record.generatedAt)
    }
}
