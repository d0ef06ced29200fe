import Foundation
import AssetPipeManifest
import AssetPipeCache

/// Decides, from the cache, the lockfile and the files on disk, whether a step must be
/// generated, only re-rendered, or left alone. `plan` and `run` both ask it, so what `plan`
/// promises is what `run` does.
public struct FreshnessCheck: Sendable {
    public var cache: GenerationCache
    /// The lockfile as it was before this run.
    public var lockfile: Lockfile?
    public var outputStats: OutputStatCache
    public var outputDirectory: URL
    /// Steps to generate whatever the cache says (`--force`).
    public var forced: Set<String>

    public init(cache: GenerationCache, lockfile: Lockfile?, outputStats: OutputStatCache, outputDirectory: URL, forced: Set<String>) {
        self.cache = cache
        self.lockfile = lockfile
        self.outputStats = outputStats
        self.outputDirectory = outputDirectory
        self.forced = forced
    }

    public func verdict(for step: Step, material: KeyMaterial) -> Verdict {
        if forced.contains(step.id) { return .generate(reason: "forced") }
        let key = material.key
        let locked = lockfile?.steps[step.id]
        let lockedHere = locked?.key == key ? locked : nil
        // The lockfile is the truth for what this step produced; the cache's record for the key
        // (shared by every step with the same generation inputs) only stands in when the step
        // has no entry for this key yet, e.g. after a crash before the lockfile was written.
        guard let record = lockedHere.map(GenerationRecord.init(locked:)) ?? cache.record(for: key) else {
            guard let locked else { return .generate(reason: "new") }
            return .generate(reason: changeDescription(step, material.changedFields(from: locked.fingerprints)))
        }
        let stale = staleOutputs(of: step, against: lockedHere)
        if stale.paths.isEmpty { return .upToDate(record) }
        // Read and hashed: `plan` must not promise a free re-render that `run` would have to pay for.
        guard hasIntactImages(record) else { return .generate(reason: "cache missing (outputs need the original images)") }
        return .outputsOnly(record, stale: stale.paths, reason: stale.reason)
    }

    /// Whether every image of `record` is in the cache with the bytes it was stored with: read and
    /// hashed, so only for the few originals a run is about to send to a provider.
    public func hasIntactImages(_ record: GenerationRecord) -> Bool {
        record.images.allSatisfy { cache.blobs.isIntact($0.sha256) }
    }

    /// `changed (prompt)`, `changed (upstream balloon)`, `changed (size, quality)`.
    private func changeDescription(_ step: Step, _ fields: [String]) -> String {
        guard !fields.isEmpty else { return "changed" }
        let inputFields: Set<String> = ["image", "mask", "reference_images"]
        var words = fields.filter { !inputFields.contains($0) }
        if fields.contains(where: inputFields.contains) {
            let upstream = step.upstreamStepIDs
            words.append(upstream.isEmpty ? "input images" : "upstream " + upstream.joined(separator: ", "))
        }
        return "changed (\(words.joined(separator: ", ")))"
    }

    /// Outputs whose file is missing, modified or written with other settings than now asked.
    private func staleOutputs(of step: Step, against locked: LockedStep?) -> (paths: [String], reason: String) {
        guard let locked else {
            return (step.outputTargets.map(\.path), "outputs not recorded")
        }
        var paths: [String] = []
        var reasons: [String] = []
        func note(_ reason: String) { if !reasons.contains(reason) { reasons.append(reason) } }
        for target in step.outputTargets {
            guard let recorded = locked.outputs[target.path] else {
                paths.append(target.path)
                note("new output")
                continue
            }
            if recorded.settings != target.settings {
                paths.append(target.path)
                note(recorded.settings.split(separator: " ").first == target.settings.split(separator: " ").first ? "settings" : "format")
                continue
            }
            let url = outputDirectory.appendingPathComponent(target.path)
            switch (try? outputStats.hash(of: url)) ?? nil {
            case nil:
                paths.append(target.path)
                note("missing")
            case let hash? where hash != recorded.sha256:
                paths.append(target.path)
                note("modified")
            default:
                break
            }
        }
        return (paths, reasons.joined(separator: ", "))
    }
}
