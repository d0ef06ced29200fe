/// The endpoint a request addresses. Paths are matched by their tail so that gateway prefixes
/// (`/v2/router/images/generations`) reach the same handlers as `/v1/images/generations`.
enum Route: Equatable {
    case generations
    case task(id: String)
    case edits
    case variations
    case opperImages
    /// Opper's `GET /v3/images/models`: the image models with their capabilities.
    case opperModels
    /// The OpenAI-compatible `GET /models` (under any prefix): every model of the account.
    case openAIModels
    /// `GET /files/{id}`: an issued image behind its link, with no API prefix.
    case file(id: String)
    /// The Files API: `POST /v1/files`, `GET /v1/files/{id}`, `GET /v1/files/{id}/content`.
    case uploadFile
    case fileObject(id: String)
    case fileContent(id: String)
    /// The Batch API: `POST|GET /v1/batches`, `GET /v1/batches/{id}`, `POST /v1/batches/{id}/cancel`.
    case createBatch
    case listBatches
    case batch(id: String)
    case cancelBatch(id: String)
    case notFound

    init(method: String, path: String) {
        let parts = path.split(separator: "/").map(String.init)
        switch method {
        case "POST": self = Self.post(parts)
        case "GET": self = Self.get(parts)
        default: self = .notFound
        }
    }

    private static func post(_ parts: [String]) -> Route {
        let tail = parts.suffix(2)
        if tail == ["images", "generations"] { return .generations }
        if tail == ["images", "edits"] { return .edits }
        if tail == ["images", "variations"] { return .variations }
        if tail == ["v3", "images"] { return .opperImages }
        if parts.last == "files" { return .uploadFile }
        if parts.last == "batches" { return .createBatch }
        if parts.count >= 3, parts.last == "cancel", parts[parts.count - 3] == "batches" { return .cancelBatch(id: parts[parts.count - 2]) }
        return .notFound
    }

    private static func get(_ parts: [String]) -> Route {
        let last = parts.last ?? ""
        if parts.count >= 3, Array(parts.suffix(3).prefix(2)) == ["images", "generations"] { return .task(id: last) }
        // Issued image links have no API prefix; the Files API always has one (`/v1/files/…`).
        if parts.count == 2, parts[0] == "files" { return .file(id: last) }
        if parts.count >= 4, last == "content", parts[parts.count - 3] == "files" { return .fileContent(id: parts[parts.count - 2]) }
        if parts.count >= 3, parts[parts.count - 2] == "files" { return .fileObject(id: last) }
        if last == "batches" { return .listBatches }
        if parts.count >= 2, parts[parts.count - 2] == "batches" { return .batch(id: last) }
        if parts.suffix(3) == ["v3", "images", "models"] { return .opperModels }
        if last == "models" { return .openAIModels }
        return .notFound
    }

    /// Stored files are served like presigned CDN links: no key, no rate limit.
    var requiresKey: Bool {
        if case .file = self { return false }
        return true
    }
}
