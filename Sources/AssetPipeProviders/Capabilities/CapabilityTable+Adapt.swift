import AssetPipeManifest
/// Fitting parameters to a model, so a fallback model gets what it accepts instead of a 400.
extension CapabilityTable {
    /// `parameters` with what `model` does not take dropped and `size` ⇄ `aspect_ratio` bridged,
    /// plus one note per change for the run report. Unknown models get everything as written.
    public func adapt(_ parameters: GenerationParameters, to model: String) -> (parameters: GenerationParameters, notes: [String]) {
        guard let caps = capabilities(for: model) else { return (parameters, []) }
        var adapted = parameters
        var notes: [String] = []
        bridgeSize(&adapted, caps, model: model, notes: &notes)
        let gated = adapted.wireFields.filter(\.parameter.gated).map { ($0.parameter.name, $0.value) } + adapted.extraMembers
        for (name, value) in gated {
            guard GenerationParameter.knownNames.contains(name) else { continue }
            if !caps.takes(name) {
                adapted.remove(name)
                notes.append("dropped \(name) \(value.plainText): \(model) does not take it")
            } else if let allowed = caps.values?[name], !allowed.contains(value.plainText) {
                adapted.remove(name)
                notes.append("dropped \(name) \(value.plainText): \(model) accepts \(allowed.joined(separator: ", "))")
            }
        }
        return (adapted, notes)
    }

    /// Turns a size into a ratio for ratio-sized models and back, and snaps either to the
    /// nearest accepted value.
    private func bridgeSize(_ parameters: inout GenerationParameters, _ caps: ModelCapabilities, model: String,
                            notes: inout [String]) {
        if let size = parameters.size, !caps.takes("size"), caps.takes("aspect_ratio"), parameters.aspectRatio == nil {
            let ratio = SizeBridging.aspectRatio(for: size, among: caps.aspectRatios)
            parameters.size = nil
            parameters.aspectRatio = ratio
            notes.append("size \(size) sent as aspect_ratio \(ratio): \(model) is sized by aspect ratio")
        }
        if let ratioText = parameters.aspectRatio, !caps.takes("aspect_ratio"), caps.takes("size"), parameters.size == nil,
           let ratio = SizeBridging.ratio(ratioText), let size = SizeBridging.size(forRatio: ratio, capabilities: caps) {
            parameters.aspectRatio = nil
            parameters.size = size
            notes.append("aspect_ratio \(ratioText) sent as size \(size): \(model) is sized in pixels")
        }
        if let size = parameters.size, caps.takes("size"), !caps.accepts(size: size),
           let nearest = SizeBridging.size(forRatio: SizeBridging.shape(size), capabilities: caps) {
            parameters.size = nearest
            notes.append("size \(size) replaced by \(nearest), the nearest size \(model) accepts")
        }
        if let ratio = parameters.aspectRatio, caps.takes("aspect_ratio"), let choices = caps.aspectRatios,
           !choices.contains(ratio), let nearest = SizeBridging.nearestAspectRatio(to: ratio, among: choices) {
            parameters.aspectRatio = nearest
            notes.append("aspect_ratio \(ratio) replaced by \(nearest), the nearest ratio \(model) accepts")
        }
    }
}
