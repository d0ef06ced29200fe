import AssetPipeImaging
import AssetPipeCache
/// What a finished step produced: how it ended (the report's outcome), the images the steps
/// that consume it receive, and its new lockfile entry.
struct StepResult: Sendable {
    var outcome: StepOutcome
    /// Content hashes and metadata of the images; nil when the run keeps no cache or the step
    /// produced none.
    var record: GenerationRecord?
    /// The bytes, when this run has them in memory. A step served from the cache has none until
    /// a dependent that must be regenerated loads them.
    var images: [EncodedImage]?
    var lockEntry: LockedStep?

    /// Whether dependents can start from it.
    var succeeded: Bool { outcome.status == .succeeded }
}
