import Synchronization

/// Remembers, in the cache, the async tasks a run submitted and has not collected yet, keyed by
/// the step's cache key: a run killed while a task was rendering collects it next time instead
/// of paying for it again.
public final class TaskJournal: Sendable {
    private let cache: GenerationCache
    private let keys = Mutex<[String: String]>([:])
    private let models = Mutex<[String: ModelRef]>([:])

    public init(cache: GenerationCache) {
        self.cache = cache
    }

    /// The key under which `stepID`'s tasks are filed, set before its request is sent.
    func expect(stepID: String, key: String) {
        keys.withLock { $0[stepID] = key }
    }

    /// The model `stepID` is sending its next request to (the primary or a fallback).
    func attempting(stepID: String, model: ModelRef) {
        models.withLock { $0[stepID] = model }
    }

    func submitted(provider: String, stepID: String, taskID: String) {
        guard let key = keys.withLock({ $0[stepID] }) else { return }
        let model = models.withLock { $0[stepID] }
        try? cache.recordTask(key: key, provider: provider, taskID: taskID, model: model?.description)
    }

    /// The task is collected (its result is in the cache) or gone.
    func settled(stepID: String) {
        models.withLock { _ = $0.removeValue(forKey: stepID) }
        guard let key = keys.withLock({ $0.removeValue(forKey: stepID) }) else { return }
        cache.clearTask(key: key)
    }
}
