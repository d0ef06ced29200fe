import Foundation

/// A loopback image-API provider for tests and benchmarks: a real HTTP/1.1 server on
/// 127.0.0.1 speaking the OpenAI-compatible `/v1/images/*` and Opper `/v3/images` wire formats
/// (and both model lists, `/v1/models` and `/v3/images/models`), enforcing per-key limits, injecting scripted faults and recording every request.
/// It also speaks OpenAI's Files and Batch APIs (`/v1/files`, `/v1/batches`) for image batches:
/// a batch moves on as `EmulatorConfiguration.batches` says (by default one step per poll), and
/// each of its lines runs once, through the synchronous routes, and is logged as a request.
///
/// ```swift
/// let emulator = ProviderEmulator(EmulatorConfiguration(
///     keys: [EmulatorKey(label: "main", secret: "sk-test", maxConcurrent: 4, requestsPerMinute: 60)],
///     imageFactory: { spec in (Data("image \(spec.index)".utf8), "image/png") }))
/// try emulator.start()
/// defer { emulator.stop() }
/// emulator.inject(.status(503), matching: .prompt(containing: "flaky"), times: 2)
/// // … point the client at emulator.openAIBaseURL …
/// #expect(emulator.maxConcurrency(forKey: "main") <= 4)
/// ```
public final class ProviderEmulator: Sendable {
    public let configuration: EmulatorConfiguration
    private let router: RequestRouter
    private let server: EmulatorServer

    public init(_ configuration: EmulatorConfiguration) {
        self.configuration = configuration
        router = RequestRouter(configuration: configuration)
        server = EmulatorServer(router: router)
    }

    deinit {
        server.stop()
    }

    /// Binds a free port on 127.0.0.1 and starts serving.
    public func start() throws(EmulatorStartError) {
        try server.start()
    }

    /// Closes the listener and every connection, ending hung requests. Idempotent.
    public func stop() {
        server.stop()
    }

    /// The bound port; 0 before `start()`.
    public var port: Int { server.port ?? 0 }

    /// `http://127.0.0.1:<port>`
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// The `base_url` of an OpenAI-compatible provider entry.
    public var openAIBaseURL: URL { baseURL.appendingPathComponent("v1") }

    /// The `base_url` of an Opper provider entry.
    public var opperBaseURL: URL { baseURL.appendingPathComponent("v3") }

    // MARK: Faults

    /// Scripts `fault` for the next `times` requests that `matcher` selects and the fault applies
    /// to. Rules are consumed in injection order.
    public func inject(_ fault: Fault, matching matcher: RequestMatcher = .any, times: Int = 1) {
        router.faults.inject(fault, matching: matcher, times: times)
    }

    /// Injected faults not yet used, with their remaining counts.
    public var pendingFaults: [(fault: Fault, times: Int)] { router.faults.remaining }

    public func clearFaults() {
        router.faults.removeAll()
    }

    /// Ends every request currently held by a `hang` fault (each closes without a response).
    public func releaseHangs() {
        router.releaseHangs()
    }

    // MARK: Recording

    /// Every request so far, in arrival order.
    public var requests: [RecordedRequest] { router.log.all }

    public func requests(where predicate: (RecordedRequest) -> Bool) -> [RecordedRequest] {
        router.log.all.filter(predicate)
    }

    public func requests(path: String) -> [RecordedRequest] { requests { $0.path == path } }

    public func requests(model: String) -> [RecordedRequest] { requests { $0.model == model } }

    public func requests(promptContaining text: String) -> [RecordedRequest] {
        requests { $0.prompt?.contains(text) == true }
    }

    public func requests(forKey label: String) -> [RecordedRequest] { requests { $0.key.label == label } }

    /// The most requests of `label` ever in flight at once (refused ones included: sending them
    /// was the violation).
    public func maxConcurrency(forKey label: String) -> Int {
        router.limiter.maxConcurrency(forKey: label)
    }

    /// Sliding windows in which the client sent more than `limit` requests with key `label`;
    /// empty when it kept to the limit.
    public func rateLimitViolations(forKey label: String, window: Duration? = nil, limit: Int) -> [WindowViolation] {
        router.log.windowViolations(forKey: label, window: window ?? configuration.rateLimitWindow, limit: limit)
    }

    /// Requests the emulator refused on its own limits (not injected 429s).
    public func limitRejections(forKey label: String) -> [RecordedRequest] {
        requests { $0.key.label == label && $0.limitRejection != nil }
    }

    /// Bytes and MIME type of an issued file, as `GET /files/{id}` serves them.
    public func storedFile(_ id: String) -> (data: Data, mimeType: String)? {
        router.files.file(id).map { ($0.data, $0.mimeType) }
    }

    /// Monotonic time on the emulator's clock, comparable with `RecordedRequest.arrival`.
    public var now: Duration { router.now }
}
