/// A file's `purpose`, spelled as the Files API spells it.
enum FilePurpose: String, Sendable, CaseIterable {
    case assistants
    case batch
    case fineTune = "fine-tune"
    case vision
    case userData = "user_data"
    case evals
    /// Batch output and error files: written by the API, never uploaded.
    case batchOutput = "batch_output"

    /// What `POST /v1/files` accepts.
    static let uploadable = allCases.filter { $0 != .batchOutput }
}
