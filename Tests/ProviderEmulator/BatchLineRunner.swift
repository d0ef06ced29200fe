import Foundation
import AssetPipeBasics

/// Runs batch lines through the very routes that answer `/v1/images/generations` and JSON
/// `/v1/images/edits`: the models' behaviour, parameter checks, input decoding, the image factory
/// and payload faults are the synchronous ones, so a line answers as its request would have.
/// Each line is logged as a request of its own (`customID`, `batchID`, the creating key's label),
/// which is how specs count what was paid for.
struct BatchLineRunner: BatchWork {
    let router: RequestRouter
    /// The `Host` of the request that made the batch take this step, for the links of `url` answers.
    let host: String

    func inputFile(_ id: String, owner: String) -> Data? {
        router.files.upload(id, owner: owner)?.data
    }

    func storeResultFile(_ data: Data, filename: String, owner: String) -> String {
        let upload = FileStore.UploadedFile(filename: filename, purpose: .batchOutput, createdAt: UnixTime.now, owner: owner)
        return router.files.store(data, mimeType: "application/octet-stream", upload: upload)
    }

    func run(_ line: BatchLine, of batch: BatchRecord) -> BatchLineResult.Response {
        router.run(line, of: batch, host: host)
    }
}

extension RequestRouter {
    func lineRunner(_ context: RouteContext) -> BatchLineRunner {
        BatchLineRunner(router: self, host: context.host)
    }

    /// Takes the line's fault (an error answer or a payload fault; wire faults need a
    /// connection), records it, and answers it as its endpoint would.
    func run(_ line: BatchLine, of batch: BatchRecord, host: String) -> BatchLineResult.Response {
        let fields = JSONFields(value: line.body)
        let summary = RequestSummary(method: "POST", path: line.url, keyLabel: batch.owner, model: fields.string("model"),
                                     prompt: fields.string("prompt"), headers: [:], bodyText: line.text, isTaskPoll: false,
                                     isBatchLine: true)
        let fault = faults.take(for: summary, scopes: [.errorAnswer, .imagePayload])
        var record = log.begin { sequence in
            RecordedRequest(sequence: sequence, arrival: now, method: "POST", path: line.url, query: nil, headers: [:],
                            key: .matched(label: batch.owner), body: .json(line.body), model: summary.model,
                            prompt: summary.prompt)
        }
        record.batchID = batch.id
        record.customID = line.customID
        record.fault = fault
        let response: OutgoingResponse
        if let fault, case let .respond(replaced)? = replacement(for: fault) {
            response = replaced
        } else {
            let request = IncomingRequest(method: "POST", target: line.url, version: "HTTP/1.1",
                                          headers: [("Content-Type", "application/json")], body: line.body.serializedData())
            let context = RouteContext(request: request, body: .json(line.body), host: host, sequence: record.sequence,
                                       fault: fault, accountLabel: batch.owner)
            response = routeResponse(Route(method: "POST", path: line.url), context, record: &record)
        }
        record.status = response.status
        record.outcome = .responded
        record.completion = now
        log.update(record)
        // The routes answer JSON; a body that is not (none is) would still leave its line readable.
        let body = (try? JSONValue(parsing: response.body)) ?? .null
        return BatchLineResult.Response(statusCode: response.status, requestID: Self.requestID(record.sequence), body: body)
    }
}
