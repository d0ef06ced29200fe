import Synchronization

/// Remembers, in the cache, the async tasks a run submitted and has not collected yet, keyed by
/// the step's cache key: a run killed while a task was rendering collects it next time instead
/// of paying for it again.
public final class TaskJournal: Sendable {
    private let cache: GenerationCache
    private let keys = Mutex<[String: String]>([:])

    public init(cache: GenerationCache) {
        self.cache = cache
    }

    /// The key under which `stepID`'s tasks are filed, set before its request is sent.
    func expect(stepID: String, key: String) {
        keys.withLock { $0[stepID] = key }
    }

    func submitted(provider: String, stepID: String, taskID: String) {
        guard let key = keys.withLock({ $0[stepID] }) else { return }
        try? cache.recordTask(key: key, provider: provider, taskID: taskID)
    }

    /// The task is collected (its result is in the cache) or gone.
    func settled(stepID: String) {
        guard let key = keys.withLock({ $0.removeValue(forKey: stepID) }) else { return }
        cache.clearTask(key: key)
    }
}
