import AssetPipeBasics
extension RasterImage {
    /// Composites the image over an opaque `matte` and drops the alpha channel, for formats
    /// without transparency (jpeg) or outputs that ask for a solid background. RGB images are
    /// returned unchanged.
    public func flattened(onto matte: RGBColor) -> RasterImage {
        guard hasAlpha else { return self }
        let count = width * height
        let background = [Int(matte.red), Int(matte.green), Int(matte.blue)]
        let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { output, initialized in
            pixels.withUnsafeBufferPointer { rgba in
                for pixel in 0..<count {
                    let alpha = Int(rgba[pixel * 4 + 3])
                    for channel in 0..<3 {
                        let blended = Int(rgba[pixel * 4 + channel]) * alpha + background[channel] * (255 - alpha)
                        output[pixel * 3 + channel] = UInt8((blended + 127) / 255)
                    }
                }
            }
            initialized = count * 3
        }
        return RasterImage(width: width, height: height, hasAlpha: false, pixels: rgb)
    }
}
