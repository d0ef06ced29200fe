
/// The result of a whole run.
public struct RunReport: Sendable {
    /// In the order the steps finished (skipped ones when they were decided).
    public var outcomes: [StepOutcome]
    public var wallTime: Duration
    /// The run was stopped by an interrupt (SIGINT).
    public var interrupted: Bool
    /// Paid work was held back by `--max-cost`.
    public var budgetExceeded: Bool
    /// USD the steps that did not run would cost, by the manifest's prices.
    public var estimatedRemaining: Double
    /// Why the lockfile could not be written, if it could not: the results are in the cache,
    /// but the next run cannot tell which outputs are current.
    public var lockfileError: String?

    public init(outcomes: [StepOutcome], wallTime: Duration, interrupted: Bool, budgetExceeded: Bool = false,
                estimatedRemaining: Double = 0) {
        self.outcomes = outcomes
        self.wallTime = wallTime
        self.interrupted = interrupted
        self.budgetExceeded = budgetExceeded
        self.estimatedRemaining = estimatedRemaining
    }

    public var succeeded: Int { outcomes.count { $0.status == .succeeded } }
    public var failed: Int { outcomes.count { if case .failed = $0.status { true } else { false } } }
    public var skipped: Int { outcomes.count { if case .skipped = $0.status { true } else { false } } }
    public var cancelled: Int { outcomes.count { $0.status == .cancelled } }
    public var filesWritten: Int { outcomes.reduce(0) { $0 + $1.outputs.count(where: \.written) } }
    public var cost: Double { outcomes.reduce(0) { $0 + ($1.cost ?? 0) } }
    public var savedCost: Double { outcomes.reduce(0) { $0 + ($1.savedCost ?? 0) } }
    /// USD the Batch API's discount saved, over every step answered in a batch.
    public var savedByBatch: Double { outcomes.reduce(0) { $0 + ($1.savedByBatch ?? 0) } }
    /// Steps served from the cache (outputs re-rendered or not).
    public var reused: Int { outcomes.count { $0.status == .succeeded && $0.source != .generated } }
    /// Requests sent to providers, retries included.
    public var requests: Int { outcomes.reduce(0) { $0 + $1.requests } }

    public func outcome(_ stepID: String) -> StepOutcome? { outcomes.first { $0.stepID == stepID } }
}
