import Foundation

/// A provider that can also run requests through a batch API (OpenAI's `/batches`): requests
/// written as lines of a file, uploaded, run within a window at a discount, their answers read
/// back from files. The executor decides what goes in which batch and when; the provider speaks
/// the wire format, as for single requests.
public protocol BatchingProvider: ImageProvider {
    /// The line for `request`, or nil when it cannot go in a batch (a variation).
    func batchLine(for request: GenerationRequest, customID: String) throws(ProviderError) -> BatchLine?
    /// Uploads an input file (`purpose=batch`); returns its file id.
    func uploadBatchInput(_ contents: Data, filename: String) async throws -> String
    func createBatch(inputFileID: String, endpoint: BatchEndpoint, metadata: [String: String]) async throws -> BatchObject
    func batch(id: String) async throws -> BatchObject
    func cancelBatch(id: String) async throws -> BatchObject
    /// One page of the account's batches, newest first.
    func listBatches(after: String?) async throws -> (batches: [BatchObject], hasMore: Bool)
    /// A file's content: a batch's output or error file.
    func batchFile(id: String) async throws -> Data
    /// The images of one answered line, validated as a synchronous answer's are; a failed line
    /// throws its classified error.
    func result(of line: BatchResultLine, for request: GenerationRequest) async throws -> GenerationResult
}
