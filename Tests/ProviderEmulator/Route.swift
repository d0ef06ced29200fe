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
    case file(id: String)
    case notFound

    init(method: String, path: String) {
        let parts = path.split(separator: "/").map(String.init)
        let last = parts.last ?? ""
        let tail = parts.suffix(2)
        switch method {
        case "POST" where tail == ["images", "generations"]: self = .generations
        case "POST" where tail == ["images", "edits"]: self = .edits
        case "POST" where tail == ["images", "variations"]: self = .variations
        case "POST" where tail == ["v3", "images"]: self = .opperImages
        case "GET" where parts.count >= 3 && Array(parts.suffix(3).prefix(2)) == ["images", "generations"]:
            self = .task(id: last)
        case "GET" where parts.count == 2 && parts[0] == "files": self = .file(id: last)
        case "GET" where parts.suffix(3) == ["v3", "images", "models"]: self = .opperModels
        case "GET" where last == "models": self = .openAIModels
        default: self = .notFound
        }
    }

    /// Stored files are served like presigned CDN links: no key, no rate limit.
    var requiresKey: Bool {
        if case .file = self { return false }
        return true
    }
}
