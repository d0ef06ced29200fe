/// How a run uses OpenAI's Batch API (`run --batch`): which steps go, whether the run waits for
/// the batches, and where a failed line is tried again.
public struct BatchOptions: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// Only steps and providers that ask for it (`"batch": true`).
        case off
        /// Every eligible generation (`--batch`); edit chains go wave by wave.
        case all
        /// Only steps that take no image generated in this run (`--batch=roots`): a chain does
        /// not wait on a batch twice.
        case roots
    }

    public var mode: Mode
    /// Wait for the batches and store their results (default); `--no-wait` submits and ends, and
    /// a later run collects.
    public var wait: Bool
    /// A failed line is tried again synchronously rather than in the next batch
    /// (`--batch-retry=sync`).
    public var retrySynchronously: Bool
    /// How much one input file may hold; the API's own limits unless a test sets smaller ones.
    public var limits: BatchLimits
    /// Only collect what earlier runs' batches hold; send nothing new (`batches --cancel`, once
    /// the batches are cancelled).
    public var collectOnly: Bool

    public init(mode: Mode = .off, wait: Bool = true, retrySynchronously: Bool = false, limits: BatchLimits = .api,
                collectOnly: Bool = false) {
        self.collectOnly = collectOnly
        self.mode = mode
        self.wait = wait
        self.retrySynchronously = retrySynchronously
        self.limits = limits
    }
}

/// The most one batch may hold. The API allows 50,000 lines and 200 MB per input file; the
/// answers come back as one file, which this client reads whole, so a batch is also kept to an
/// output it can hold.
public struct BatchLimits: Sendable, Equatable {
    public var maxLines: Int
    public var maxInputBytes: Int
    /// Estimated from each line's images (pixels × 3 bytes, as base64).
    public var maxOutputBytes: Int

    public static let api = BatchLimits(maxLines: 50_000, maxInputBytes: 200_000_000, maxOutputBytes: 200_000_000)

    public init(maxLines: Int, maxInputBytes: Int, maxOutputBytes: Int) {
        self.maxLines = maxLines
        self.maxInputBytes = maxInputBytes
        self.maxOutputBytes = maxOutputBytes
    }
}
