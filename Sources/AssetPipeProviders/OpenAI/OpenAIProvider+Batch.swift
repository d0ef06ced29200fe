import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// OpenAI's Batch API: `POST /files` (`purpose=batch`), `POST /batches`, `GET /batches/{id}`,
/// `POST /batches/{id}/cancel`, `GET /batches`, `GET /files/{id}/content`, all under `base_url`.
extension OpenAIProvider: BatchingProvider {
    public func batchLine(for request: GenerationRequest, customID: String) throws(ProviderError) -> BatchLine? {
        guard request.operation != .variation else { return nil }
        let (parameters, notes) = try core.parameters(for: request)
        let inputs = request.inputs.images + request.inputs.referenceImages
        if inputs.isEmpty {
            let body = OpenAIRequestBody.json(model: request.model, prompt: request.prompt, parameters: parameters)
            return BatchLine(customID: customID, endpoint: .generations, model: request.model, body: body, notes: notes,
                             imageCount: parameters.n, pixelSize: parameters.size)
        }
        let body = OpenAIRequestBody.jsonEdit(model: request.model, prompt: request.prompt, parameters: parameters,
                                              images: inputs.map(ImageTransfer.jsonReference),
                                              mask: request.inputs.mask.map(ImageTransfer.jsonReference))
        return BatchLine(customID: customID, endpoint: .edits, model: request.model, body: body, notes: notes,
                         imageCount: parameters.n, pixelSize: parameters.size)
    }

    public func uploadBatchInput(_ contents: Data, filename: String) async throws -> String {
        try await core.redacting {
            var form = MultipartFormData()
            form.append(field: "purpose", value: "batch")
            form.append(file: "file", filename: filename, contentType: "application/jsonl", data: contents)
            let json = try core.transfer.json(of: try await core.client.postMultipart("/files", form))
            guard let id = json["id"]?.stringValue else {
                throw ProviderError(.unusableResponse, "the file upload's answer has no id")
            }
            return id
        }
    }

    public func createBatch(inputFileID: String, endpoint: BatchEndpoint, metadata: [String: String]) async throws -> BatchObject {
        try await core.redacting {
            let body: JSONValue = .object([
                ("input_file_id", .string(inputFileID)), ("endpoint", .string(endpoint.rawValue)),
                ("completion_window", .string("24h")),
                ("metadata", .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ])
            return try batchObject(try await core.client.postJSON("/batches", body))
        }
    }

    public func batch(id: String) async throws -> BatchObject {
        try await core.redacting { try batchObject(try await core.client.get(try core.client.endpoint("/batches/\(escaped(id))"))) }
    }

    public func cancelBatch(id: String) async throws -> BatchObject {
        try await core.redacting { try batchObject(try await core.client.postJSON("/batches/\(escaped(id))/cancel", .object([]))) }
    }

    public func listBatches(after: String?) async throws -> (batches: [BatchObject], hasMore: Bool) {
        try await core.redacting {
            let query = "?limit=100" + (after.map { "&after=\(escaped($0))" } ?? "")
            let json = try core.transfer.json(of: try await core.client.get(try core.client.endpoint("/batches" + query)))
            return ((json["data"]?.arrayValue ?? []).compactMap(BatchObject.init), json["has_more"]?.boolValue ?? false)
        }
    }

    public func batchFile(id: String) async throws -> Data {
        try await core.redacting { try await core.client.get(try core.client.endpoint("/files/\(escaped(id))/content")).body }
    }

    public func result(of line: BatchResultLine, for request: GenerationRequest) async throws -> GenerationResult {
        try await core.redacting {
            switch line.outcome {
            case let .answered(status, body) where (200..<300).contains(status):
                let (parameters, notes) = try core.parameters(for: request)
                var result = try await core.result(of: .init(json: body, status: status, parameters: parameters, notes: notes))
                if !request.inputs.referenceImages.isEmpty { result.notes.append(Self.referenceImagesNote) }
                return result
            case let .answered(status, body):
                throw ErrorClassification.error(for: HTTPResponse(status: status, body: body.serializedData()), retryAfter: nil)
            case let .notRun(code, message):
                // Expired or cancelled before it ran: nothing was paid, so it is worth sending again.
                throw ProviderError(.taskFailed, "the batch ended before this request ran (\(code ?? "no code")): \(message)")
            }
        }
    }

    private func batchObject(_ response: HTTPResponse) throws(ProviderError) -> BatchObject {
        guard let batch = BatchObject(try core.transfer.json(of: response)) else {
            throw ProviderError(.unusableResponse, "the answer is not a batch object", httpStatus: response.status)
        }
        return batch
    }
}
