/// How the emulator's batches progress and what they accept. A batch moves in steps, so specs
/// decide exactly what each poll sees and never wait for a clock:
///
/// - `validatingSteps` steps answer `validating`; the next one validates the input file and, when
///   it is valid, starts `in_progress` and runs its first lines at once;
/// - each `in_progress` step runs the next `linesPerStep` lines, so `request_counts` grows poll by
///   poll; the step that runs the last line moves on to `finalizing`;
/// - `finalizingSteps` steps answer `finalizing`, then the batch is `completed` with its files;
/// - after a cancel, `cancellingSteps` steps answer `cancelling`, then it is `cancelled`.
///
/// With every count at 0 and `linesPerStep` unlimited, the first poll finds a batch completed.
/// Per-batch endings (a validation failure, expiry part-way) are faults injected for the batch's
/// creation: `Fault.batchFailsValidation`, `Fault.batchExpires(afterLines:)`.
public struct BatchBehavior: Sendable, Equatable {
    /// What makes a batch take a step.
    public enum Pace: Sendable, Equatable {
        /// One step per `GET /v1/batches/{id}` that reaches the route (a poll answered by an
        /// injected fault does not count); listing and cancelling take none.
        case perPoll
        /// One step per period of the emulator's clock since the batch was created, caught up
        /// whenever the batch is retrieved, listed or cancelled.
        case every(Duration)
    }

    /// The order of the lines in the output and error files. The real API promises none, so a
    /// client that relies on input order should fail a spec.
    public enum OutputOrder: Sendable, Equatable {
        case input
        /// Shuffled by a generator seeded with `seed` and the batch's number: the same batches in
        /// the same order give the same files on every run.
        case shuffled(seed: UInt64)
    }

    /// The API's limits on an input file.
    public static let maxRequestsPerBatch = 50_000
    public static let maxInputFileBytes = 200 * 1_000_000

    public var pace: Pace
    public var validatingSteps: Int
    public var linesPerStep: Int
    public var finalizingSteps: Int
    public var cancellingSteps: Int
    public var outputOrder: OutputOrder
    /// Lower them to exercise the limits with small files.
    public var maxRequests: Int
    public var maxInputBytes: Int

    public init(pace: Pace = .perPoll, validatingSteps: Int = 1, linesPerStep: Int = .max, finalizingSteps: Int = 1,
                cancellingSteps: Int = 1, outputOrder: OutputOrder = .shuffled(seed: 0x5EED),
                maxRequests: Int = BatchBehavior.maxRequestsPerBatch, maxInputBytes: Int = BatchBehavior.maxInputFileBytes) {
        self.pace = pace
        self.validatingSteps = validatingSteps
        self.linesPerStep = linesPerStep
        self.finalizingSteps = finalizingSteps
        self.cancellingSteps = cancellingSteps
        self.outputOrder = outputOrder
        self.maxRequests = maxRequests
        self.maxInputBytes = maxInputBytes
    }
}
