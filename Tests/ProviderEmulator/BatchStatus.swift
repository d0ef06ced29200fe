/// A batch's `status`, spelled as the Batch API spells it, in the order the Batch object lists
/// their timestamp fields.
enum BatchStatus: String, Sendable, CaseIterable {
    case validating
    case inProgress = "in_progress"
    case finalizing
    case completed
    case failed
    case expired
    case cancelling
    case cancelled

    var isTerminal: Bool {
        switch self {
        case .failed, .completed, .expired, .cancelled: true
        case .validating, .inProgress, .finalizing, .cancelling: false
        }
    }

    /// The Batch object's field holding when the batch entered this status (`in_progress_at`, …);
    /// a batch is `validating` from its `created_at`.
    var timestampField: String? {
        self == .validating ? nil : "\(rawValue)_at"
    }
}
