import Foundation
import AssetPipeImaging

/// One input as an image file from a provider or the disk: the signature sniffed, the header read
/// against the dimension limits, and the whole image decoded; a decode must agree with the header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageDecode(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard ImageCodec.sniff(data) != nil, let header = try? ImageCodec.header(of: data) else { return 0 }
    precondition(header.width > 0 && header.height > 0 && header.width <= ImageCodec.maxDimension
                 && header.height <= ImageCodec.maxDimension && header.width * header.height <= ImageCodec.maxPixels,
                 "a header beyond the limits was accepted")
    guard let image = try? ImageCodec.decode(data) else { return 0 }
    precondition(image.width == header.width && image.height == header.height && image.hasAlpha == header.hasAlpha
                 && image.pixels.count == image.width * image.height * image.channels,
                 "a decoded image does not match its header")
    return 0
}
