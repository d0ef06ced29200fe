import Foundation
import AssetPipeBasics

/// The Files API as batches use it: `POST /v1/files` (multipart `purpose` and `file`),
/// `GET /v1/files/{id}` (the File object) and `GET /v1/files/{id}/content` (the bytes). Files
/// belong to the key that uploaded them.
extension RequestRouter {
    func uploadFile(_ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        let owner = try owner(of: context)
        guard case let .multipart(parts) = context.body else {
            throw bodyError(context.body, expected: "multipart/form-data")
        }
        guard let purposeText = context.body.field("purpose") else {
            throw .invalidRequest("Missing required parameter: 'purpose'.", param: "purpose", code: "missing_required_parameter")
        }
        guard let purpose = FilePurpose(rawValue: purposeText), FilePurpose.uploadable.contains(purpose) else {
            let supported = FilePurpose.uploadable.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw .invalidRequest("Invalid value: '\(purposeText)'. Supported values are: \(supported).", param: "purpose",
                                  code: "invalid_value")
        }
        guard let part = parts.first(where: { $0.name == "file" }), let filename = part.filename else {
            throw .invalidRequest("Missing required parameter: 'file'.", param: "file", code: "missing_required_parameter")
        }
        if purpose == .batch, !filename.lowercased().hasSuffix(".jsonl") {
            throw .invalidRequest("Invalid file format for Batch API. Must be .jsonl", param: "file", code: "invalid_file_format")
        }
        let upload = FileStore.UploadedFile(filename: filename, purpose: purpose, createdAt: UnixTime.now, owner: owner)
        let id = files.store(part.data, mimeType: part.contentType ?? "application/octet-stream", upload: upload)
        record.issuedFileIDs.append(id)
        return .json(200, Self.fileObject(id, part.data.count, upload))
    }

    func retrieveFile(_ id: String, _ context: RouteContext) throws(APIError) -> OutgoingResponse {
        let (file, upload) = try ownedFile(id, context)
        return .json(200, Self.fileObject(id, file.data.count, upload))
    }

    func fileContent(_ id: String, _ context: RouteContext) throws(APIError) -> OutgoingResponse {
        let (file, _) = try ownedFile(id, context)
        return OutgoingResponse(status: 200, headers: [("Content-Type", file.mimeType)], body: file.data)
    }

    /// `{"id", "object": "file", "bytes", "created_at", "expires_at", "filename", "purpose", "status", "status_details"}`;
    /// `status` is deprecated but still required by the schema, and always `processed` here.
    static func fileObject(_ id: String, _ bytes: Int, _ upload: FileStore.UploadedFile) -> JSONValue {
        .object([
            ("id", .string(id)), ("object", .string("file")), ("bytes", .number(Double(bytes))),
            ("created_at", .number(Double(upload.createdAt))), ("expires_at", .null), ("filename", .string(upload.filename)),
            ("purpose", .string(upload.purpose.rawValue)), ("status", .string("processed")), ("status_details", .null),
        ])
    }

    private func ownedFile(_ id: String, _ context: RouteContext) throws(APIError) -> (FileStore.StoredFile, FileStore.UploadedFile) {
        guard let file = files.upload(id, owner: try owner(of: context)), let upload = file.upload else {
            throw Self.noSuchFile(id)
        }
        return (file, upload)
    }

    static func noSuchFile(_ id: String) -> APIError {
        APIError(status: 404, message: "No such File object: \(id)", type: "invalid_request_error", param: "id")
    }

    /// The label of the key a Files or Batch API request was admitted with: what it owns.
    func owner(of context: RouteContext) throws(APIError) -> String {
        guard let label = context.accountLabel else { throw .missingKey }
        return label
    }
}
