import AssetPipeManifest
import AssetPipeProviders
/// A batch changed state: what the live status and the log show of it.
public struct BatchProgress: Sendable, Equatable {
    public var batchID: String
    public var model: ModelRef
    public var status: BatchObject.Status
    public var total: Int
    public var completed: Int
    public var failed: Int
    /// The steps whose requests it holds.
    public var steps: [String]

    public init(batchID: String, model: ModelRef, status: BatchObject.Status, total: Int, completed: Int, failed: Int, steps: [String]) {
        self.batchID = batchID
        self.model = model
        self.status = status
        self.total = total
        self.completed = completed
        self.failed = failed
        self.steps = steps
    }
}

/// A request sent in a batch this run did not wait for (`--no-wait`): paid for, and collected by
/// a later run; never a reason to send it again.
struct BatchSubmitted: Error, Sendable {
    var batchID: String

    /// What the step's outcome says: it is not lost, only not here yet.
    var reason: String { "submitted in batch \(batchID); the next 'assetpipe run' (or 'assetpipe batches') collects it" }
}
