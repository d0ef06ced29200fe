import AssetPipeCache
/// What a run has to do for one step, and why: the answer `plan` prints and `run` acts on.
public enum Verdict: Sendable, Equatable {
    /// The images are known and every output matches the lockfile: nothing to do.
    case upToDate(GenerationRecord)
    /// The images are cached; these outputs must be rendered again (zero requests).
    case outputsOnly(GenerationRecord, stale: [String], reason: String)
    /// A request must be made.
    case generate(reason: String)

    /// `cached`, `outputs only (format)`, `new`, `changed (prompt)`, `changed (upstream balloon)`.
    public var label: String {
        switch self {
        case .upToDate: return "cached"
        case let .outputsOnly(_, _, reason): return "outputs only (\(reason))"
        case let .generate(reason): return reason
        }
    }

    /// Whether the run makes a provider request for the step.
    public var generates: Bool {
        if case .generate = self { return true }
        return false
    }

    public var record: GenerationRecord? {
        switch self {
        case let .upToDate(record), let .outputsOnly(record, _, _): return record
        case .generate: return nil
        }
    }
}
