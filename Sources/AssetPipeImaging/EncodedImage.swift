import Foundation
import AssetPipeBasics

/// An image exactly as a provider (or a local input file) delivered it.
///
/// The bytes are kept untouched so that an edit uploads what the upstream step received, never a
/// lossy re-encode; `origin` lets a provider reuse its own handle (`file_id`) instead.
public struct EncodedImage: Sendable, Hashable {
    public var data: Data
    public var header: ImageHeader
    public var origin: ImageOrigin?

    public init(data: Data, header: ImageHeader, origin: ImageOrigin? = nil) {
        self.data = data
        self.header = header
        self.origin = origin
    }

    /// Validates `data` as an image (format and dimensions from its header).
    public init(validating data: Data, origin: ImageOrigin? = nil) throws(ImagingError) {
        self.init(data: data, header: try ImageCodec.header(of: data), origin: origin)
    }

    public var format: ImageFormat { header.format }
}
