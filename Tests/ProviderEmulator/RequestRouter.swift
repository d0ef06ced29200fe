import Foundation
import Synchronization

/// How a request is answered on the wire.
enum Reply {
    case respond(OutgoingResponse)
    case reset
    /// The response's head promising its whole body, half the body, then a close.
    case truncated(OutgoingResponse)
    case hang(Duration)
}

/// What a connection offers the router for answering one request.
protocol ResponseChannel {
    /// Writes the bytes (one `send` unless the kernel takes less); false when the peer is gone.
    func send(_ data: Data) -> Bool
    /// Waits `duration`, ending early when the peer closes, the emulator stops or `released`
    /// turns true.
    func wait(for duration: Duration, releasedWhen released: () -> Bool) -> WaitResult
    /// Arms a TCP reset for the close that follows.
    func armReset()
}

enum WaitResult {
    case elapsed
    case released
    /// The client closed the connection.
    case peerClosed
    /// The emulator is stopping and shut the connection down.
    case stopped
}

/// One request on its way through the router.
struct Exchange {
    var record: RecordedRequest
    /// The key the request was counted against, when it carried a valid one.
    let account: EmulatorKey?
    var keepAlive: Bool
    var settled = false
}

/// The request context a route works with.
struct RouteContext {
    let request: IncomingRequest
    let body: RequestBody
    /// The `Host` the client used, for building file URLs that reach this emulator.
    let host: String
    let sequence: Int
    /// The payload, task-outcome or batch-outcome fault chosen for this request, if any.
    let fault: Fault?
    /// The label of the key the request was admitted with; nil on routes that need none.
    let accountLabel: String?
}

/// Authenticates, rate-limits, injects faults, routes and records every request. One instance
/// per emulator, shared by all connection threads.
final class RequestRouter: Sendable {
    let configuration: EmulatorConfiguration
    let log = RequestLog()
    let faults = FaultQueue()
    let files = FileStore()
    let tasks = AsyncTaskStore()
    let batches: BatchStore
    let limiter: RateLimitEnforcer
    private let origin = ContinuousClock.now
    /// Bumped by `releaseHangs()`; a hang ends when it sees the value change.
    private let hangGeneration = Atomic<Int>(0)

    init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
        limiter = RateLimitEnforcer(window: configuration.rateLimitWindow, concurrencyRetryHint: configuration.latency)
        batches = BatchStore(behavior: configuration.batches)
    }

    /// The largest body a request may carry, decided from its head: uploads to the Files API
    /// may be far larger than any image request.
    func maxBodyBytes(for request: IncomingRequest) -> Int {
        Route(method: request.method, path: request.path) == .uploadFile ? configuration.maxUploadBytes : configuration.maxBodyBytes
    }

    /// The `x-request-id` of a request, and the `request_id` of a batch line's answer.
    static func requestID(_ sequence: Int) -> String { "req-emu-\(sequence)" }

    var now: Duration { ContinuousClock.now - origin }

    var results: ImageResults { ImageResults(factory: configuration.imageFactory, files: files) }

    func releaseHangs() {
        hangGeneration.add(1, ordering: .sequentiallyConsistent)
    }

    /// Answers one request; returns whether the connection stays open.
    func handle(_ request: IncomingRequest, on channel: some ResponseChannel) -> Bool {
        let body = RequestBody(request)
        let key = authenticate(request)
        let record = log.begin { sequence in
            RecordedRequest(sequence: sequence, arrival: now, method: request.method, path: request.path,
                            query: request.query, headers: Self.redactedHeaders(request), key: key.match,
                            body: body.recorded(keepingBytes: configuration.recordsUploadedBytes),
                            model: body.model, prompt: body.prompt)
        }
        let route = Route(method: request.method, path: request.path)
        // Stored files are outside the API's limits, even when the client sends its key along.
        let account = route.requiresKey ? key.key : nil
        var exchange = Exchange(record: record, account: account, keepAlive: request.keepsAlive)

        if route.requiresKey, key.key == nil {
            let error = key.match == .missing ? APIError.missingKey : APIError.invalidKey
            return deliver(.respond(error.response), on: channel, exchange: &exchange)
        }
        var limitHeaders: [(name: String, value: String)] = []
        if let account {
            let (admission, inFlight) = limiter.admit(account, at: now)
            exchange.record.concurrencyAtArrival = inFlight
            switch admission {
            case let .rejected(kind, error):
                exchange.record.limitRejection = kind
                return deliver(.respond(error.response), on: channel, exchange: &exchange)
            case let .admitted(headers):
                limitHeaders = headers
            }
        }
        return answer(request, body: body, route: route, limitHeaders: limitHeaders, on: channel, exchange: &exchange)
    }

    /// Applies faults and latency, then the route, for a request past authentication and limits.
    private func answer(_ request: IncomingRequest, body: RequestBody, route: Route, limitHeaders: [(name: String, value: String)],
                        on channel: some ResponseChannel, exchange: inout Exchange) -> Bool {
        // Decoding a multi-megabyte upload as text only pays off when some rule may read it; a
        // batch file is matched line by line when its lines run.
        let bodyText = faults.isEmpty || route == .uploadFile ? "" : String(decoding: request.body, as: UTF8.self)
        var summary = RequestSummary(method: request.method, path: request.path, keyLabel: exchange.record.key.label,
                                     model: body.model, prompt: body.prompt,
                                     headers: exchange.record.headers, bodyText: bodyText, isTaskPoll: false)
        if case let .task(id) = route, let task = tasks.peek(id) {
            summary.model = task.model
            summary.prompt = task.prompt
            summary.isTaskPoll = true
            exchange.record.model = task.model
            exchange.record.prompt = task.prompt
        }
        let fault = faults.take(for: summary, scopes: faultScopes(route, model: body.model))
        exchange.record.fault = fault

        let latency = summary.model.flatMap { configuration.behavior(of: $0)?.latency } ?? configuration.latency
        if latency > .zero {
            switch channel.wait(for: latency, releasedWhen: { false }) {
            case .elapsed, .released: break
            case .peerClosed, .stopped:
                exchange.record.outcome = .clientDisconnected
                exchange.keepAlive = false
                settle(&exchange)
                return false
            }
        }

        let context = RouteContext(request: request, body: body, host: request.header("Host") ?? "127.0.0.1",
                                   sequence: exchange.record.sequence,
                                   fault: fault.flatMap { Fault.Scope.anyResponse.contains($0.scope) ? nil : $0 },
                                   accountLabel: exchange.account?.label)
        var reply: Reply
        if case let .echoesRequest(status)? = fault {
            reply = .respond(EchoedRequest.response(status: status, to: request))
        } else if let fault, let replaced = replacement(for: fault) {
            reply = replaced
        } else {
            var response = routeResponse(route, context, record: &exchange.record)
            response.headers += limitHeaders + [("x-request-id", Self.requestID(exchange.record.sequence))]
            switch fault {
            case .truncatedBody?: reply = .truncated(response)
            case .malformedJSON?:
                reply = .respond(OutgoingResponse(status: 200, headers: [("Content-Type", "application/json")],
                                              body: Data(#"{"created": 1714000000, "data": [{"b64_json": "iVBORw0KGgo"#.utf8)))
            default: reply = .respond(response)
            }
        }
        return deliver(reply, on: channel, exchange: &exchange)
    }

    func routeResponse(_ route: Route, _ context: RouteContext, record: inout RecordedRequest) -> OutgoingResponse {
        do throws(APIError) {
            switch route {
            case .generations: return try generations(context, record: &record)
            case .edits: return try edits(context, record: &record)
            case .variations: return try variations(context, record: &record)
            case let .task(id): return try pollTask(id, context, record: &record)
            case .opperImages: return try opperImages(context, record: &record)
            case .opperModels: return opperModels()
            case .openAIModels: return openAIModels()
            case let .file(id): return try issuedFile(id)
            case .uploadFile: return try uploadFile(context, record: &record)
            case let .fileObject(id): return try retrieveFile(id, context)
            case let .fileContent(id): return try fileContent(id, context)
            case .createBatch: return try createBatch(context, record: &record)
            case .listBatches: return try listBatches(context)
            case let .batch(id): return try retrieveBatch(id, context, record: &record)
            case let .cancelBatch(id): return try cancelBatch(id, context, record: &record)
            case .notFound: throw APIError.notFound(context.request.method, context.request.path)
            }
        } catch {
            return error.response
        }
    }

    /// An issued image behind its link; the Files API's files are not links, and need the key.
    private func issuedFile(_ id: String) throws(APIError) -> OutgoingResponse {
        guard let file = files.file(id), file.upload == nil else {
            throw APIError(status: 404, message: "File '\(id)' not found.", type: "invalid_request_error", code: "file_not_found")
        }
        return OutgoingResponse(status: 200, headers: [("Content-Type", file.mimeType)], body: file.data)
    }

    /// The reply a response-replacing fault gives instead of the route's answer.
    func replacement(for fault: Fault) -> Reply? {
        switch fault {
        case let .status(status, retryAfter, headers):
            var error = APIError.forStatus(status)
            if let retryAfter { error.headers.append(("retry-after", retryAfter)) }
            error.headers += headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return .respond(error.response)
        case let .apiError(status, message, type, code, headers):
            let error = APIError(status: status, message: message, type: type, code: code,
                                 headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            return .respond(error.response)
        case let .rateLimited(seconds, milliseconds, reset):
            var error = APIError.forStatus(429)
            if let seconds { error.headers.append(("retry-after", String(seconds))) }
            if let milliseconds { error.headers.append(("retry-after-ms", String(milliseconds))) }
            if let reset { error.headers.append(("x-ratelimit-reset-requests", reset)) }
            return .respond(error.response)
        case .insufficientQuota: return .respond(APIError.insufficientQuota.response)
        case .contentPolicy: return .respond(APIError.contentPolicy.response)
        case .connectionReset: return .reset
        case let .hang(duration): return .hang(min(duration ?? configuration.hangLimit, configuration.hangLimit))
        case .echoesRequest, .malformedJSON, .truncatedBody, .invalidBase64, .nonImageBytes, .emptyData, .fewerImages, .taskFails,
             .taskSucceedsWithoutImage, .batchFailsValidation, .batchExpires:
            return nil
        }
    }

    /// Puts the reply on the wire and records what happened; returns whether to keep the
    /// connection. The request is settled (out of flight, logged) just before its last byte
    /// goes out, so a client that sends its next request the moment it reads this answer is
    /// never counted twice and always finds this one in the log.
    private func deliver(_ reply: Reply, on channel: some ResponseChannel, exchange: inout Exchange) -> Bool {
        switch reply {
        case let .respond(response):
            exchange.record.status = response.status
            exchange.record.outcome = .responded
            settle(&exchange)
            return channel.send(response.serialized(keepAlive: exchange.keepAlive)) && exchange.keepAlive
        case .reset:
            channel.armReset()
            exchange.record.outcome = .connectionReset
        case let .truncated(response):
            exchange.record.status = response.status
            exchange.record.outcome = .truncated
            var cut = response
            cut.body = response.body.prefix(response.body.count / 2)
            settle(&exchange)
            _ = channel.send(cut.serialized(keepAlive: false, declaredLength: response.body.count))
        case let .hang(duration):
            let generation = hangGeneration.load(ordering: .sequentiallyConsistent)
            let result = channel.wait(for: duration) {
                hangGeneration.load(ordering: .sequentiallyConsistent) != generation
            }
            exchange.record.outcome = result == .peerClosed ? .clientDisconnected : .hangEnded
        }
        settle(&exchange)
        return false
    }

    /// Ends the request's time in flight and writes its final record, once.
    private func settle(_ exchange: inout Exchange) {
        guard !exchange.settled else { return }
        exchange.settled = true
        if let account = exchange.account { limiter.finish(account) }
        exchange.record.completion = now
        log.update(exchange.record)
    }

    /// Generations of an async model may take a task-outcome fault, and batch creations a
    /// batch-outcome fault; everything else that makes images may take a payload fault.
    private func faultScopes(_ route: Route, model: String?) -> Set<Fault.Scope> {
        switch route {
        case .generations:
            if case .asynchronous? = model.flatMap({ configuration.behavior(of: $0)?.mode }) {
                return Fault.Scope.anyResponse.union([.imagePayload, .taskOutcome])
            }
            return Fault.Scope.anyResponse.union([.imagePayload])
        case .edits, .variations, .opperImages: return Fault.Scope.anyResponse.union([.imagePayload])
        case .createBatch: return Fault.Scope.anyResponse.union([.batchOutcome])
        case .task, .file, .opperModels, .openAIModels, .uploadFile, .fileObject, .fileContent, .listBatches, .batch,
             .cancelBatch, .notFound:
            return Fault.Scope.anyResponse
        }
    }

    private func authenticate(_ request: IncomingRequest) -> (match: KeyMatch, key: EmulatorKey?) {
        guard let header = request.header("Authorization") else { return (.missing, nil) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return (.unrecognized, nil) }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        guard let key = configuration.keys.first(where: { $0.secret == secret }) else { return (.unrecognized, nil) }
        return (.matched(label: key.label), key)
    }

    private static func redactedHeaders(_ request: IncomingRequest) -> [String: String] {
        var headers: [String: String] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            headers[name] = name == "authorization" ? "<redacted>" : header.value
        }
        return headers
    }

    /// The configured behaviour of `model`, or the API's answer to an unknown model.
    func behavior(of model: String) throws(APIError) -> ModelBehavior {
        guard let behavior = configuration.behavior(of: model) else { throw .unknownModel(model) }
        return behavior
    }
}
