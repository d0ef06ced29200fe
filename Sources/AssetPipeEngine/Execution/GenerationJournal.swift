import Synchronization
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeImaging
import AssetPipeCache
import AssetPipeProviders

/// Remembers, in the cache, what a step's generation has already paid for before its result is
/// stored — async tasks submitted and not collected, images received from some of several
/// requests — keyed by the step's cache key, so that a run killed midway makes the next run
/// collect and reuse them instead of paying again.
public final class GenerationJournal: Sendable {
    private let cache: GenerationCache
    private let timestamp: @Sendable () -> String
    /// Cache files are read and written (fsync included) here, off the cooperative pool; writes
    /// finish even when the run is interrupted, since they are what keeps the interrupt cheap.
    private let blocking: BlockingExecutor
    /// Answers are written here: what stands between an answer's last byte and its safety is
    /// this write, so it does not wait for a core.
    private let answerWrites: BlockingExecutor
    private let keys = Mutex<[String: String]>([:])

    public init(cache: GenerationCache, timestamp: @escaping @Sendable () -> String, blocking: BlockingExecutor = .shared,
                answerWrites: BlockingExecutor = .diskWrites) {
        self.answerWrites = answerWrites
        self.cache = cache
        self.timestamp = timestamp
        self.blocking = blocking
    }

    /// What an earlier, interrupted run left for one key.
    struct Leftovers: Sendable {
        var task: PendingTask?
        var received: (model: ModelRef, images: [EncodedImage], cost: Double?)?
    }

    /// Files `stepID`'s work under `key` from now on, and returns what earlier runs left there.
    func open(stepID: String, key: String) async -> Leftovers {
        keys.withLock { $0[stepID] = key }
        return (try? await blocking.run { [cache] in
            let received = cache.partial(for: key).flatMap { partial in
                ModelRef(parsing: partial.record.model).map { (model: $0, images: partial.images, cost: partial.record.cost) }
            }
            return Leftovers(task: cache.pendingTask(for: key), received: received)
        }) ?? Leftovers()
    }

    /// A task was accepted: recorded durably before it is waited on.
    func submitted(stepID: String, provider: String, taskID: String, model: ModelRef) async {
        guard let key = key(of: stepID) else { return }
        try? await blocking.runToCompletion { [cache] in try cache.recordTask(key: key, provider: provider, taskID: taskID, model: model.description) }
    }

    /// The task ended without images worth collecting later (it failed, or the platform forgot it).
    func taskEnded(stepID: String) async {
        guard let key = key(of: stepID) else { return }
        try? await blocking.runToCompletion { [cache] in cache.clearTask(key: key) }
    }

    /// Images received so far for a step that needs several requests; the task that brought the
    /// last of them is collected.
    func received(stepID: String, images: [EncodedImage], model: ModelRef, cost: Double?) async {
        guard let key = key(of: stepID) else { return }
        try? await blocking.runToCompletion { [cache, timestamp] in
            try? cache.storePartial(key: key, images: images, model: model.description, cost: cost, generatedAt: timestamp())
            cache.clearTask(key: key)
        }
    }

    /// The step's whole result is stored: nothing is left to resume.
    func settled(stepID: String) async {
        guard let key = keys.withLock({ $0.removeValue(forKey: stepID) }) else { return }
        try? await blocking.runToCompletion { [cache] in
            cache.clearTask(key: key)
            cache.clearPartial(key: key)
            cache.clearAnswers(key: key)
        }
    }

    // MARK: Answers

    /// An answer to `stepID`'s request for its images after the first `part`, from `model`:
    /// durable (fsynced) when this returns, before anything reads it.
    func answerArrived(_ answer: RecordedAnswer, stepID: String, part: Int, model: String) async {
        guard let key = key(of: stepID) else { return }
        let file = RecordedAnswerFile(header: .init(model: model, status: answer.status, receivedAt: timestamp()), body: answer.body)
        try? await answerWrites.runToCompletion { [cache] in try cache.recordAnswer(file, key: key, part: part) }
    }

    /// The answer an interrupted run received from `model` for this part and did not get to use.
    func recordedAnswer(stepID: String, part: Int, model: ModelRef) async -> RecordedAnswer? {
        guard let key = key(of: stepID) else { return nil }
        let file = try? await blocking.run { [cache] in cache.recordedAnswer(key: key, part: part) }
        guard let file = file ?? nil, file.header.model == model.description else { return nil }
        return RecordedAnswer(status: file.header.status, body: file.body)
    }

    /// The part's answer could not be used: why is filed next to it, and it is not read again.
    func answerRejected(stepID: String, part: Int, reason: String) async {
        guard let key = key(of: stepID) else { return }
        try? await blocking.runToCompletion { [cache] in cache.rejectAnswer(key: key, part: part, reason: reason) }
    }

    private func key(of stepID: String) -> String? {
        keys.withLock { $0[stepID] }
    }
}
