/// `PROVIDER:MODEL`, split at the first colon: `opper:openai/gpt-image-1` is model
/// `openai/gpt-image-1` on provider `opper`.
public struct ModelRef: Sendable, Hashable, CustomStringConvertible {
    public var provider: String
    public var model: String

    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `PROVIDER:MODEL`; nil when either side is empty or there is no colon.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let provider = String(text[..<colon])
        let model = String(text[text.index(after: colon)...])
        guard !provider.isEmpty, !model.isEmpty else { return nil }
        self.init(provider: provider, model: model)
    }

    public var description: String { "\(provider):\(model)" }
}
