/// What one successful (paid) generation produced, filed under its cache key. Written only after
/// every image blob it names is durable, so a record is proof that its images can be served.
public struct GenerationRecord: Codable, Sendable, Equatable {
    public var key: String
    /// The model ref that actually answered, after fallbacks.
    public var model: String
    public var images: [ImageRecord]
    /// USD, when known (provider-reported or from the manifest's price table).
    public var cost: Double?
    /// ISO-8601 UTC, supplied by the caller so that tests and resumed runs are reproducible.
    public var generatedAt: String
    /// Anything worth keeping about how the result came about (e.g. a fallback that was taken).
    public var notes: [String]

    public init(key: String, model: String, images: [ImageRecord], cost: Double? = nil, generatedAt: String,
                notes: [String] = []) {
        self.key = key
        self.model = model
        self.images = images
        self.cost = cost
        self.generatedAt = generatedAt
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case key, model, images, cost
        case generatedAt = "generated_at"
        case notes
    }
}

extension GenerationRecord {
    /// What the lockfile knows of a generation, for a checkout that has outputs but no cache.
    package init(locked: LockedStep) {
        self.init(key: locked.key, model: locked.model, images: locked.images, cost: locked.cost, generatedAt: locked.generatedAt)
    }
}
