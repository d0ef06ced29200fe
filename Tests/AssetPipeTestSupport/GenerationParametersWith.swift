import AssetPipeBasics
import AssetPipeManifest

extension GenerationParameters {
    /// Parameters named one by one, as specs set them.
    static func with(n: Int = 1, size: PixelSize? = nil, aspectRatio: String? = nil, quality: String? = nil,
                     background: String? = nil, style: String? = nil, moderation: String? = nil, outputFormat: String? = nil,
                     outputCompression: Int? = nil, user: String? = nil, seed: Int? = nil,
                     extra: JSONValue? = nil) -> GenerationParameters {
        let texts: [(GenerationParameter, String?)] = [(.size, size?.description), (.aspectRatio, aspectRatio), (.quality, quality),
                                                       (.background, background), (.style, style), (.moderation, moderation),
                                                       (.outputFormat, outputFormat), (.user, user)]
        var values: [GenerationParameter: ParameterValue] = [.n: .integer(n)]
        for case let (parameter, text?) in texts { values[parameter] = .text(text) }
        if let outputCompression { values[.outputCompression] = .integer(outputCompression) }
        if let seed { values[.seed] = .integer(seed) }
        return GenerationParameters(values, extra: extra)
    }
}
