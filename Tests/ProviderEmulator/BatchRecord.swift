/// One batch as the emulator keeps it: what it was created with, where it has got to, and the
/// answers of the lines it has run. A value: the store changes it under its lock.
struct BatchRecord: Sendable {
    let id: String
    /// 1-based in creation order: seeds the output order and names result lines.
    let number: Int
    /// The label of the key that created it; other keys do not see it.
    let owner: String
    let request: BatchCreation
    /// Unix seconds.
    let createdAt: Int
    /// When it was created on the emulator's clock, for the time pace.
    let created: Duration
    /// The `batchOutcome` fault chosen at creation, if any.
    let fault: Fault?

    var status = BatchStatus.validating
    /// Unix seconds at which it entered each status it has been in.
    var enteredAt: [BatchStatus: Int] = [:]
    var stepsTaken = 0
    /// Steps answered in the current status, for the statuses that wait a number of steps.
    var stepsInStatus = 0
    /// The model of every line; known once the file is validated.
    var model: String?
    var errors: [BatchError] = []
    var lines: [BatchLine] = []
    /// The lines run so far, in the order they ran: always a prefix of `lines`.
    var results: [BatchLineResult] = []
    var outputFileID: String?
    var errorFileID: String?

    init(id: String, number: Int, owner: String, request: BatchCreation, createdAt: Int, created: Duration, fault: Fault?) {
        self.id = id
        self.number = number
        self.owner = owner
        self.request = request
        self.createdAt = createdAt
        self.created = created
        self.fault = fault
    }

    var completedCount: Int { results.count(where: \.succeeded) }
    var failedCount: Int { results.count - completedCount }

    /// Moves to `status` now.
    mutating func enter(_ status: BatchStatus) {
        self.status = status
        stepsInStatus = 0
        enteredAt[status] = UnixTime.now
    }

    /// Starts cancelling a batch that has not finished running; false when it is past that.
    mutating func cancel() -> Bool {
        switch status {
        case .validating, .inProgress:
            enter(.cancelling)
            return true
        case .cancelling:
            return true
        case .finalizing, .failed, .completed, .expired, .cancelled:
            return false
        }
    }
}
