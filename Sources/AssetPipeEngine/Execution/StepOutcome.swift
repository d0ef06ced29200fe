import AssetPipeManifest
import AssetPipeCache

/// How one step of a run ended, with what a progress line, a summary or a report needs.
public struct StepOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case succeeded
        case failed(reason: String)
        /// Never started: an upstream failed, `--fail-fast` stopped scheduling, or the run was
        /// interrupted. The reason names which.
        case skipped(reason: String)
        /// Started, then stopped by an interrupt before finishing.
        case cancelled
    }

    /// Where a successful step's images came from.
    public enum Source: Sendable, Equatable {
        case generated
        /// Up to date: nothing was requested or written.
        case cache
        /// Cached images, outputs rendered again (zero requests).
        case rerendered
    }

    public var stepID: String
    public var status: Status
    public var source: Source = .generated
    /// The model that produced the images (after fallbacks), or the last one tried.
    public var model: ModelRef?
    /// Requests made for this step, retries and fallbacks included, each with what followed it.
    public var attempts: [AttemptRecord]
    public var duration: Duration
    /// The step's outputs (all of them once it succeeded), each marked if this run wrote it.
    public var outputs: [OutputFile]
    public var imageCount: Int
    /// USD this run spent on the step: the provider's figure, else the manifest's price.
    public var cost: Double?
    /// USD the cache saved: what the reused images cost when they were generated.
    public var savedCost: Double?
    /// USD the Batch API's discount saved on it: the synchronous price less what it cost.
    public var savedByBatch: Double?
    /// The batch its request went in, when the run did not wait for it (`--no-wait`).
    public var submittedInBatch: String?
    /// The images behind the outputs: content hash, and the provider's `file_id` and `url`.
    public var images: [ImageRecord] = []
    /// The prompts the provider says it actually used (DALL·E and others rewrite them).
    public var revisedPrompts: [String] = []
    /// Dropped or bridged parameters, models skipped and why: anything a reader of the report
    /// should know about how the images came to be.
    public var notes: [String]

    public var requests: Int { attempts.count }

    /// The models the step moved on from, in order, with why.
    public var fallbacks: [(from: ModelRef, to: ModelRef, reason: String)] {
        zip(attempts, attempts.dropFirst()).compactMap { pair in
            pair.0.disposition == .fellBack ? (pair.0.model, pair.1.model, pair.0.error ?? "failed") : nil
        }
    }

    public init(stepID: String, status: Status, model: ModelRef? = nil, attempts: [AttemptRecord] = [], duration: Duration = .zero,
                outputs: [OutputFile] = [], imageCount: Int = 0, cost: Double? = nil, notes: [String] = []) {
        self.stepID = stepID
        self.status = status
        self.model = model
        self.attempts = attempts
        self.duration = duration
        self.outputs = outputs
        self.imageCount = imageCount
        self.cost = cost
        self.notes = notes
    }
}
