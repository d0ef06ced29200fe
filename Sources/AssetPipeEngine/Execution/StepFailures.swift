import AssetPipeManifest
import AssetPipeProviders

/// The ways a step's generation ends without images.

/// A step that made no request because the run stopped first (`--fail-fast`, an interrupt).
struct StepNotStarted: Error, Sendable {
    var reason: String
}

/// A step for which no model produced images.
struct StepGenerationFailure: Error, Sendable {
    var model: ModelRef
    var attempts: [AttemptRecord]
    var message: String
    var notes: [String]
}

/// A model that did not produce the step's images, and the error that ended its attempts.
struct ModelFailure: Error, Sendable {
    var error: ProviderError
}
