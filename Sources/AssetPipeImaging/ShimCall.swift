import Foundation
import AssetPipeBasics
internal import CImageCodecs

/// The sample layouts the JPEG encoder accepts. Only `.rgb` is reachable from `ImageCodec.encode`;
/// gray and (Adobe, inverted) CMYK exist so the decoder's conversions can be tested on real files.
enum JPEGSampleLayout: Int {
    case gray = 1
    case rgb = 3
    case cmyk = 4
}

/// Calls into CImageCodecs: hands it the input bytes and a message buffer, turns its status into
/// an `ImagingError`, and takes ownership of what it allocates.
enum ShimCall {
    private static let messageCapacity = 512

    private static var limits: ap_limits {
        ap_limits(max_dimension: UInt32(ImageCodec.maxDimension), max_pixels: UInt64(ImageCodec.maxPixels),
                  max_metadata_bytes: UInt32(ImageCodec.maxMetadataBytes), max_scans: UInt32(ImageCodec.maxScans))
    }

    static func readHeader(_ format: ImageFormat, _ data: Data) throws(ImagingError) -> ap_header {
        var header = ap_header()
        try withBytes(of: data, onNoMemory: .tooLarge) { bytes, count, message, capacity in
            switch format {
            case .png: ap_png_read_header(bytes, count, limits, &header, message, capacity)
            case .jpeg: ap_jpeg_read_header(bytes, count, limits, &header, message, capacity)
            case .webp: ap_webp_read_header(bytes, count, limits, &header, message, capacity)
            }
        }
        return header
    }

    /// Decodes straight into the array's storage: `header` (from `readHeader` on the same bytes)
    /// fixes its size, and the shim refuses to write anything else.
    static func decode(_ format: ImageFormat, _ data: Data, _ header: ap_header) throws(ImagingError) -> [UInt8] {
        let count = Int(header.width) * Int(header.height) * Int(header.channels)
        var failure: ImagingError?
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(ImagingError) {
                try withBytes(of: data, onNoMemory: .tooLarge) { bytes, size, message, capacity in
                    switch format {
                    case .png: ap_png_decode(bytes, size, limits, header, buffer.baseAddress, count, message, capacity)
                    case .jpeg: ap_jpeg_decode(bytes, size, limits, header, buffer.baseAddress, count, message, capacity)
                    case .webp: ap_webp_decode(bytes, size, limits, header, buffer.baseAddress, count, message, capacity)
                    }
                }
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return pixels
    }

    static func encodePNG(_ image: RasterImage, level: Int) throws(ImagingError) -> Data {
        let (width, height) = try encoderDimensions(image)
        return try encoded { output, message, capacity in
            image.pixels.withUnsafeBufferPointer { pixels in
                ap_png_encode(pixels.baseAddress, width, height, UInt32(image.channels), Int32(level), output,
                              message, capacity)
            }
        }
    }

    static func encodeJPEG(samples: [UInt8], width: Int, height: Int, layout: JPEGSampleLayout,
                           quality: Int) throws(ImagingError) -> Data {
        let (width, height) = try encoderDimensions(RasterSize(width: width, height: height))
        return try encoded { output, message, capacity in
            samples.withUnsafeBufferPointer { samples in
                ap_jpeg_encode(samples.baseAddress, width, height, ap_jpeg_samples(UInt32(layout.rawValue)),
                               Int32(quality), output, message, capacity)
            }
        }
    }

    static func encodeWebP(_ image: RasterImage, lossless: Bool, quality: Int) throws(ImagingError) -> Data {
        let (width, height) = try encoderDimensions(image)
        return try encoded { output, message, capacity in
            image.pixels.withUnsafeBufferPointer { pixels in
                ap_webp_encode(pixels.baseAddress, width, height, UInt32(image.channels), lossless ? 1 : 0,
                               Int32(quality), output, message, capacity)
            }
        }
    }

    // MARK: - Plumbing

    private typealias MessageBuffer = UnsafeMutablePointer<CChar>

    private struct RasterSize {
        var width: Int
        var height: Int
    }

    private static func encoderDimensions(_ image: RasterImage) throws(ImagingError) -> (UInt32, UInt32) {
        try encoderDimensions(RasterSize(width: image.width, height: image.height))
    }

    private static func encoderDimensions(_ size: RasterSize) throws(ImagingError) -> (UInt32, UInt32) {
        guard size.width > 0, size.height > 0, let width = UInt32(exactly: size.width),
              let height = UInt32(exactly: size.height) else {
            throw ImagingError(.encodeFailed, "cannot encode a \(size.width)x\(size.height) image")
        }
        return (width, height)
    }

    /// Runs an encoder and wraps its C buffer in `Data` without copying; `ap_free` releases it.
    private static func encoded(
        _ body: (UnsafeMutablePointer<ap_buffer>, MessageBuffer?, Int) -> ap_status
    ) throws(ImagingError) -> Data {
        var output = ap_buffer()
        try withMessage(onNoMemory: .encodeFailed) { message, capacity in body(&output, message, capacity) }
        guard let bytes = output.data else { throw ImagingError(.encodeFailed, "encoder produced no output") }
        return Data(bytesNoCopy: bytes, count: output.size, deallocator: .custom { pointer, _ in ap_free(pointer) })
    }

    private static func withBytes(
        of data: Data, onNoMemory: ImagingError.Kind,
        _ body: (UnsafePointer<UInt8>?, Int, MessageBuffer?, Int) -> ap_status
    ) throws(ImagingError) {
        try withMessage(onNoMemory: onNoMemory) { message, capacity in
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return body(bytes.baseAddress, bytes.count, message, capacity)
            }
        }
    }

    private static func withMessage(
        onNoMemory: ImagingError.Kind, _ body: (MessageBuffer?, Int) -> ap_status
    ) throws(ImagingError) {
        var message = [CChar](repeating: 0, count: messageCapacity)
        let status = message.withUnsafeMutableBufferPointer { body($0.baseAddress, $0.count) }
        guard status != AP_OK else { return }
        let text = message.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        throw ImagingError(kind(of: status, onNoMemory: onNoMemory), text)
    }

    private static func kind(of status: ap_status, onNoMemory: ImagingError.Kind) -> ImagingError.Kind {
        switch status {
        case AP_ERR_TOO_LARGE: .tooLarge
        case AP_ERR_UNSUPPORTED: .unsupported
        case AP_ERR_ENCODE: .encodeFailed
        case AP_ERR_NO_MEMORY: onNoMemory
        default: .corrupt
        }
    }
}
