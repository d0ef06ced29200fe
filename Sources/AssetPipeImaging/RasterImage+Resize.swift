import AssetPipeBasics
/// High-quality resizing for rendering outputs at the sizes a manifest asks for.
extension RasterImage {
    /// The largest size with this image's aspect ratio that fits inside `box` (scaling up or
    /// down), at least 1 pixel a side.
    public func fittedSize(inside box: PixelSize) -> PixelSize {
        guard width > 0, height > 0 else { return PixelSize(width: width, height: height) }
        let boxWidth = max(box.width, 1)
        let boxHeight = max(box.height, 1)
        let scale = min(Double(boxWidth) / Double(width), Double(boxHeight) / Double(height))
        return PixelSize(width: min(max(Int((Double(width) * scale).rounded()), 1), boxWidth),
                         height: min(max(Int((Double(height) * scale).rounded()), 1), boxHeight))
    }

    /// Scales the image (up or down) so it fits inside `box` keeping its aspect ratio and touches
    /// the box on at least one side; returns the image unchanged when it already does.
    ///
    /// Separable Lanczos-3 on premultiplied alpha: sharp without aliasing, and colour hidden
    /// under transparent pixels never bleeds into visible edges as a dark fringe.
    public func resized(toFit box: PixelSize) -> RasterImage {
        let size = fittedSize(inside: box)
        guard size.width != width || size.height != height else { return self }
        return Resampler(source: self).resampled(to: size)
    }

    /// Scales the image to exactly `size`, stretching it when the aspect ratio differs (as an
    /// edit asked for another size does); the image unchanged when it already has that size.
    public func resized(to size: PixelSize) -> RasterImage {
        guard size.width != width || size.height != height else { return self }
        return Resampler(source: self).resampled(to: size)
    }
}

/// The two passes of the separable resize, on premultiplied `Float` samples, holding only a band
/// of rows at a time: a full-height intermediate (every source row resampled horizontally) is
/// `targetWidth × channels × sourceHeight` floats — 1.6 GB for a 10000×10000 answer kept 10000
/// wide — once per concurrent render.
///
/// When enlarging (or keeping the height), each output row reads a window of at most `stride`
/// (about 7) consecutive source rows, and windows only move down: the horizontally resampled
/// rows live in a ring of that many. When shrinking, a window spans about 6× the scale factor
/// of source rows, but each source row falls in only a handful of windows: each source row is
/// resampled once and added to the sums of the output rows still open, which live in a ring of
/// as many rows as are ever open at once. Both sum every output sample in tap order from zero,
/// as the full intermediate did, so the bytes are the same.
private struct Resampler {
    let source: RasterImage

    func resampled(to size: PixelSize) -> RasterImage {
        let horizontal = ResamplingWeights(sourceCount: source.width, targetCount: size.width)
        let vertical = ResamplingWeights(sourceCount: source.height, targetCount: size.height)
        let rowLength = size.width * source.channels
        let pixels = [UInt8](unsafeUninitializedCapacity: rowLength * size.height) { output, initialized in
            if size.height >= source.height {
                pullRows(horizontal, vertical, rowLength: rowLength, into: output)
            } else {
                pushRows(horizontal, vertical, rowLength: rowLength, into: output)
            }
            initialized = rowLength * size.height
        }
        return RasterImage(width: size.width, height: size.height, hasAlpha: source.hasAlpha, pixels: pixels)
    }

    /// Each output row sums its window from a ring of the last `vertical.stride` resampled rows.
    private func pullRows(_ horizontal: ResamplingWeights, _ vertical: ResamplingWeights, rowLength: Int,
                          into output: UnsafeMutableBufferPointer<UInt8>) {
        let ringRows = max(vertical.stride, 1)
        var ring = [Float](repeating: 0, count: ringRows * rowLength)
        var sum = [Float](repeating: 0, count: rowLength)
        var scratch = [Float](repeating: 0, count: source.width * source.channels)
        var resampledRows = 0
        ring.withUnsafeMutableBufferPointer { ring in
            sum.withUnsafeMutableBufferPointer { sum in
                for y in 0..<vertical.starts.count {
                    let start = vertical.starts[y]
                    let count = vertical.counts[y]
                    while resampledRows < start + count {
                        let slot = resampledRows % ringRows * rowLength
                        resampleRow(resampledRows, horizontal, scratch: &scratch,
                                    into: UnsafeMutableBufferPointer(rebasing: ring[slot..<slot + rowLength]))
                        resampledRows += 1
                    }
                    for index in 0..<rowLength { sum[index] = 0 }
                    for tap in 0..<count {
                        let weight = vertical.weights[y * vertical.stride + tap]
                        let row = (start + tap) % ringRows * rowLength
                        for index in 0..<rowLength { sum[index] += weight * ring[row + index] }
                    }
                    store(sum, into: output, at: y * rowLength)
                }
            }
        }
    }

    /// Each source row, once resampled, is added to every open output row whose window holds it;
    /// an output row is stored when its window ends.
    private func pushRows(_ horizontal: ResamplingWeights, _ vertical: ResamplingWeights, rowLength: Int,
                          into output: UnsafeMutableBufferPointer<UInt8>) {
        let targetCount = vertical.starts.count
        let ringRows = Self.mostOpenAtOnce(vertical)
        var sums = [Float](repeating: 0, count: ringRows * rowLength)
        var row = [Float](repeating: 0, count: rowLength)
        var scratch = [Float](repeating: 0, count: source.width * source.channels)
        var firstOpen = 0
        var nextToOpen = 0
        sums.withUnsafeMutableBufferPointer { sums in
            for sourceRow in 0..<source.height where firstOpen < targetCount {
                while nextToOpen < targetCount, vertical.starts[nextToOpen] <= sourceRow {
                    let slot = nextToOpen % ringRows * rowLength
                    for index in slot..<slot + rowLength { sums[index] = 0 }
                    nextToOpen += 1
                }
                guard firstOpen < nextToOpen else { continue }
                row.withUnsafeMutableBufferPointer { row in
                    resampleRow(sourceRow, horizontal, scratch: &scratch, into: row)
                    for y in firstOpen..<nextToOpen {
                        let tap = sourceRow - vertical.starts[y]
                        guard tap < vertical.counts[y] else { continue }
                        let weight = vertical.weights[y * vertical.stride + tap]
                        let slot = y % ringRows * rowLength
                        for index in 0..<rowLength { sums[slot + index] += weight * row[index] }
                    }
                }
                while firstOpen < nextToOpen, vertical.starts[firstOpen] + vertical.counts[firstOpen] <= sourceRow + 1 {
                    let slot = firstOpen % ringRows * rowLength
                    store(UnsafeMutableBufferPointer(rebasing: sums[slot..<slot + rowLength]), into: output,
                          at: firstOpen * rowLength)
                    firstOpen += 1
                }
            }
        }
    }

    /// The most output windows that hold one source row, i.e. the sums `pushRows` keeps.
    private static func mostOpenAtOnce(_ vertical: ResamplingWeights) -> Int {
        var most = 1
        var firstOpen = 0
        for (y, start) in vertical.starts.enumerated() {
            while vertical.starts[firstOpen] + vertical.counts[firstOpen] <= start { firstOpen += 1 }
            most = max(most, y - firstOpen + 1)
        }
        return most
    }

    /// One source row resampled horizontally and premultiplied: `row` gets `rowLength` floats.
    private func resampleRow(_ y: Int, _ weights: ResamplingWeights, scratch: inout [Float],
                             into row: UnsafeMutableBufferPointer<Float>) {
        let channels = source.channels
        source.pixels.withUnsafeBufferPointer { pixels in
            scratch.withUnsafeMutableBufferPointer { scratch in
                weights.weights.withUnsafeBufferPointer { taps in
                    loadPremultiplied(pixels, row: y, into: scratch)
                    for x in 0..<weights.starts.count {
                        let first = weights.starts[x] * channels
                        let window = x * weights.stride
                        for channel in 0..<channels {
                            var sum: Float = 0
                            for tap in 0..<weights.counts[x] {
                                sum += taps[window + tap] * scratch[first + tap * channels + channel]
                            }
                            row[x * channels + channel] = sum
                        }
                    }
                }
            }
        }
    }

    private func loadPremultiplied(_ pixels: UnsafeBufferPointer<UInt8>, row y: Int,
                                   into row: UnsafeMutableBufferPointer<Float>) {
        let offset = y * row.count
        guard source.hasAlpha else {
            for index in 0..<row.count { row[index] = Float(pixels[offset + index]) }
            return
        }
        for pixel in Swift.stride(from: 0, to: row.count, by: 4) {
            let alpha = Float(pixels[offset + pixel + 3])
            let factor = alpha / 255
            row[pixel] = Float(pixels[offset + pixel]) * factor
            row[pixel + 1] = Float(pixels[offset + pixel + 1]) * factor
            row[pixel + 2] = Float(pixels[offset + pixel + 2]) * factor
            row[pixel + 3] = alpha
        }
    }

    /// Un-premultiplies and rounds one output row; ringing beyond 0–255 is clamped.
    private func store(_ sums: UnsafeMutableBufferPointer<Float>, into output: UnsafeMutableBufferPointer<UInt8>,
                       at offset: Int) {
        guard source.hasAlpha else {
            for index in 0..<sums.count { output[offset + index] = Self.byte(sums[index]) }
            return
        }
        for pixel in Swift.stride(from: 0, to: sums.count, by: 4) {
            let alpha = Self.byte(sums[pixel + 3])
            let unpremultiply = alpha == 0 ? 0 : 255 / Float(alpha)
            for channel in 0..<3 {
                output[offset + pixel + channel] = Self.byte(sums[pixel + channel] * unpremultiply)
            }
            output[offset + pixel + 3] = alpha
        }
    }

    private static func byte(_ value: Float) -> UInt8 {
        UInt8(min(max(value, 0), 255).rounded())
    }
}
