import Foundation

/// A backend that turns a request into images: the embedded `local` renderer or an HTTP API.
///
/// A provider speaks its wire format and nothing more: each call is one request (one render for
/// `local`). Retries, backoff, fallbacks, concurrency limits and the waiting between task polls
/// live in the executor, so every provider gets them alike; request pacing (requests per minute)
/// is applied per HTTP request by the provider's HTTP client through the `RequestPacer` it is given.
public protocol ImageProvider: Sendable {
    /// One attempt at `request`: its images, or the task that will make them.
    func generate(_ request: GenerationRequest) async throws -> ProviderAnswer

    /// One poll of task `id`, which this provider created for `request` (in this run or an
    /// earlier one). Throws when the task failed, or succeeded with images that cannot be read.
    func poll(task id: String, for request: GenerationRequest) async throws -> TaskProgress

    /// The most images one request to `model` may ask for; nil when nothing limits it below the
    /// manifest's own `n`. A step asking for more makes several requests.
    func maxImagesPerRequest(for model: String) -> Int?

    /// Reads again an answer an interrupted run received for `request` (see `AnswerRecorder`);
    /// nil when this provider's answers cannot be read that way.
    func replay(_ answer: RecordedAnswer, for request: GenerationRequest) async throws -> ProviderAnswer?
}

extension ImageProvider {
    public func poll(task id: String, for request: GenerationRequest) async throws -> TaskProgress {
        throw ProviderError(.configuration, "this provider has no async tasks to poll (task \(id))")
    }

    public func maxImagesPerRequest(for model: String) -> Int? { nil }

    public func replay(_ answer: RecordedAnswer, for request: GenerationRequest) async throws -> ProviderAnswer? { nil }
}
