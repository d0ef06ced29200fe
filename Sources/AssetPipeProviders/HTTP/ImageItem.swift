import AssetPipeBasics

/// One image in an answer: inline base64, a URL to download, or both, plus what the provider
/// keeps about it (Opper's `file_id`).
struct ImageItem: Sendable, Equatable {
    var base64: String?
    var url: String?
    var fileID: String?
    var mimeType: String?
    var revisedPrompt: String?

    /// An object with `b64_json` / `url` (and `file_id`, `mime_type`, `revised_prompt`), or — as
    /// async-task platforms list results — a bare URL or data URL. Empty strings count as absent:
    /// platforms send `"b64_json": ""` beside a `url`. Nil for anything else.
    init?(_ value: JSONValue) {
        func text(_ field: String) -> String? {
            guard let text = value[field]?.stringValue, !text.isEmpty else { return nil }
            return text
        }
        switch value {
        case let .string(text) where text.hasPrefix("data:"):
            base64 = text
        case let .string(text) where !text.isEmpty:
            url = text
        case .object:
            base64 = text("b64_json")
            url = text("url")
            fileID = text("file_id")
            mimeType = text("mime_type")
            revisedPrompt = text("revised_prompt")
        default:
            return nil
        }
    }

    /// Nothing to fetch or decode: no base64, no URL.
    var isEmpty: Bool { base64 == nil && url == nil }
}
