/// What `GenerationCache.clean` removed, or with a dry run would remove.
public struct CleanReport: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A generation record whose key is not kept, or that cannot be read.
        case record
        /// An image no kept record refers to.
        case blob
        /// A task file for a key that is not kept or already has its result.
        case task
        /// Images received for a key that is not kept or already has its whole result.
        case partial
        /// A provider answer filed for a key that is not kept or already has its result.
        case answer
        /// A temporary an interrupted write left behind.
        case temporary
    }

    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var path: String
        public var bytes: Int
    }

    /// Sorted by path.
    public var entries: [Entry]
    public var dryRun: Bool

    public var totalBytes: Int { entries.reduce(0) { $0 + $1.bytes } }
}
