import AssetPipeManifest
import AssetPipeImaging
import AssetPipeProviders
/// A step's generation: what its requests have gathered, across models and runs — images, cost,
/// notes, requests sent. Complete once it holds the step's `n` images.
struct Generation: Sendable {
    var images: [EncodedImage] = []
    var revisedPrompts: [String?] = []
    /// The sum of the costs providers reported; nil once some request reported none.
    var reportedCost: Double? = 0
    /// Why earlier models were passed over, how the request was split: for the report.
    var notes: [String] = []
    /// Every request sent (first attempts, retries and further parts alike), with what followed it.
    var attempts: [AttemptRecord] = []

    var requests: Int { attempts.count }
    /// The model whose images came last.
    var model: ModelRef?
    /// The batch those images came in, when they came in one (priced at the batch discount).
    var batchID: String?

    /// Starts from images an interrupted run already received.
    init(resuming received: (model: ModelRef, images: [EncodedImage], cost: Double?)? = nil) {
        guard let received else { return }
        images = received.images
        revisedPrompts = received.images.map { _ in nil }
        reportedCost = received.cost
        model = received.model
        notes = ["\(received.images.count) image(s) reused from an interrupted run"]
    }

    mutating func add(_ result: GenerationResult, from model: ModelRef) {
        images += result.images
        revisedPrompts += result.revisedPrompts.isEmpty ? result.images.map { _ in nil } : result.revisedPrompts
        reportedCost = reportedCost.flatMap { sum in result.reportedCost.map { sum + $0 } }
        for note in result.notes where !notes.contains(note) { notes.append(note) }
        self.model = model
    }
}
