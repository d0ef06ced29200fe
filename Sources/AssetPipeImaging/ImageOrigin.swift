/// Where a provider keeps an image it produced, so a later request to the same provider can
/// refer to it instead of re-uploading the bytes.
public struct ImageOrigin: Sendable, Hashable {
    /// The manifest's provider name (`opper`), not the API kind.
    public var provider: String
    public var fileID: String?
    public var url: String?

    public init(provider: String, fileID: String? = nil, url: String? = nil) {
        self.provider = provider
        self.fileID = fileID
        self.url = url
    }
}
