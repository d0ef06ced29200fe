/// How a run is carried out, from the CLI's flags.
public struct RunOptions: Sendable {
    /// Steps being worked on at once across all providers (`--jobs`): a request or a local
    /// render, then its decoding and outputs (`StepLease`); an async task waiting on its
    /// platform, a batch and a backoff do not count.
    public var jobs: Int
    /// Stop scheduling new steps after the first failure (`--fail-fast`).
    public var failFast: Bool
    /// Run only these steps and what they need (`--only`); nil runs everything.
    public var only: Set<String>?
    /// Which requests go through OpenAI's Batch API, and how the run waits for them.
    public var batch: BatchOptions

    /// Remote providers are bounded by their own `max_concurrent`; this only caps the total.
    public static let defaultJobs = 16

    public init(jobs: Int = RunOptions.defaultJobs, failFast: Bool = false, only: Set<String>? = nil,
                batch: BatchOptions = BatchOptions()) {
        self.batch = batch
        self.jobs = jobs
        self.failFast = failFast
        self.only = only
    }
}
