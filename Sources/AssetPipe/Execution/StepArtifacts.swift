/// What a finished step hands to the steps that consume it.
struct StepArtifacts: Sendable {
    /// Content hashes and metadata of the images; nil when the run keeps no cache.
    var record: GenerationRecord?
    /// The bytes, when this run has them in memory. A step served from the cache has none
    /// until a dependent that must be regenerated loads them.
    var images: [EncodedImage]?
}
