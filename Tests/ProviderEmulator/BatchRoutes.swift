import Foundation
import AssetPipeBasics

/// The Batch API: `POST /v1/batches`, `GET /v1/batches/{id}` (the poll that moves a batch on),
/// `POST /v1/batches/{id}/cancel` and `GET /v1/batches?limit=&after=`. Batches belong to the
/// key that created them.
extension RequestRouter {
    static let defaultBatchPageSize = 20
    static let maxBatchPageSize = 100

    func createBatch(_ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        let owner = try owner(of: context)
        let request = try BatchCreation(json: try jsonBody(context))
        guard let input = files.upload(request.inputFileID, owner: owner)?.upload else {
            throw .invalidRequest("Invalid 'input_file_id': no such File object: \(request.inputFileID).", param: "input_file_id",
                                  code: "file_not_found")
        }
        guard input.purpose == .batch else {
            throw .invalidRequest("Invalid 'input_file_id': the file's purpose is '\(input.purpose.rawValue)'; a batch needs a file uploaded with purpose 'batch'.",
                                  param: "input_file_id", code: "invalid_value")
        }
        let batch = batches.create { id, number in
            BatchRecord(id: id, number: number, owner: owner, request: request, createdAt: UnixTime.now, created: now,
                        fault: context.fault)
        }
        record.batchID = batch.id
        return .json(200, batch.object)
    }

    func retrieveBatch(_ id: String, _ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        record.batchID = id
        let owner = try owner(of: context)
        guard let batch = batches.advance(id, owner: owner, at: now, polled: true, work: lineRunner(context)) else {
            throw Self.noSuchBatch(id)
        }
        return .json(200, batch.object)
    }

    func cancelBatch(_ id: String, _ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        record.batchID = id
        switch batches.cancel(id, owner: try owner(of: context), at: now, work: lineRunner(context)) {
        case .unknown:
            throw Self.noSuchBatch(id)
        case let .refused(batch):
            throw APIError(status: 409, message: "Cannot cancel a batch with status '\(batch.status.rawValue)'.",
                           type: "invalid_request_error")
        case let .accepted(batch):
            return .json(200, batch.object)
        }
    }

    func listBatches(_ context: RouteContext) throws(APIError) -> OutgoingResponse {
        let query = Self.queryItems(context.request.query)
        var limit = Self.defaultBatchPageSize
        if let text = query["limit"] {
            guard let value = Int(text), (1...Self.maxBatchPageSize).contains(value) else {
                throw .invalidRequest("Invalid 'limit': expected an integer between 1 and \(Self.maxBatchPageSize), but got '\(text)' instead.",
                                      param: "limit", code: "invalid_value")
            }
            limit = value
        }
        let page = batches.page(owner: try owner(of: context), after: query["after"], limit: limit, at: now,
                                work: lineRunner(context))
        return .json(200, .object([
            ("object", .string("list")), ("data", .array(page.batches.map(\.object))),
            ("first_id", page.batches.first.map { .string($0.id) } ?? .null),
            ("last_id", page.batches.last.map { .string($0.id) } ?? .null),
            ("has_more", .bool(page.hasMore)),
        ]))
    }

    static func noSuchBatch(_ id: String) -> APIError {
        APIError(status: 404, message: "No such Batch object: \(id)", type: "invalid_request_error", param: "batch_id")
    }

    /// `limit=2&after=batch_x` as a dictionary, percent-decoded; the last of a repeated name wins.
    static func queryItems(_ query: String?) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = parts[0].removingPercentEncoding ?? parts[0]
            let value = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            items[name] = value.removingPercentEncoding ?? value
        }
        return items
    }
}
