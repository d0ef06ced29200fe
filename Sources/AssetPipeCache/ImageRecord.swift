import AssetPipeBasics
import AssetPipeImaging
/// One image a generation returned, as the cache and the lockfile remember it: its content hash
/// and header (so it can be planned and rebuilt without decoding), and the provider's own handle
/// for it (so a later edit on the same provider can refer to it instead of re-uploading).
public struct ImageRecord: Codable, Sendable, Hashable {
    public var sha256: String
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool
    /// The manifest's provider name that holds `fileID` / `url`.
    public var provider: String?
    public var fileID: String?
    public var url: String?

    public init(sha256: String, format: ImageFormat, width: Int, height: Int, hasAlpha: Bool,
                provider: String? = nil, fileID: String? = nil, url: String? = nil) {
        self.sha256 = sha256
        self.format = format
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.provider = provider
        self.fileID = fileID
        self.url = url
    }

    /// Describes `image`, whose bytes hash to `sha256`.
    public init(_ image: EncodedImage, sha256: String) {
        self.init(sha256: sha256, format: image.header.format, width: image.header.width,
                  height: image.header.height, hasAlpha: image.header.hasAlpha,
                  provider: image.origin?.provider, fileID: image.origin?.fileID, url: image.origin?.url)
    }

    public var header: ImageHeader { ImageHeader(format: format, width: width, height: height, hasAlpha: hasAlpha) }

    /// The provider handle, when the record has one.
    public var origin: ImageOrigin? { provider.map { ImageOrigin(provider: $0, fileID: fileID, url: url) } }

    private enum CodingKeys: String, CodingKey {
        case sha256, format, width, height
        case hasAlpha = "has_alpha"
        case provider
        case fileID = "file_id"
        case url
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let formatName = try container.decode(String.self, forKey: .format)
        guard let format = ImageFormat(rawValue: formatName) else {
            throw DecodingError.dataCorruptedError(forKey: .format, in: container,
                                                   debugDescription: "unknown image format '\(formatName)'")
        }
        self.init(sha256: try container.decode(String.self, forKey: .sha256), format: format,
                  width: try container.decode(Int.self, forKey: .width),
                  height: try container.decode(Int.self, forKey: .height),
                  hasAlpha: try container.decode(Bool.self, forKey: .hasAlpha),
                  provider: try container.decodeIfPresent(String.self, forKey: .provider),
                  fileID: try container.decodeIfPresent(String.self, forKey: .fileID),
                  url: try container.decodeIfPresent(String.self, forKey: .url))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(format.rawValue, forKey: .format)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(hasAlpha, forKey: .hasAlpha)
        try container.encodeIfPresent(provider, forKey: .provider)
        try container.encodeIfPresent(fileID, forKey: .fileID)
        try container.encodeIfPresent(url, forKey: .url)
    }
}
