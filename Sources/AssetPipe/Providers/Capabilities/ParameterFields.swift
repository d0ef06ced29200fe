/// `GenerationParameters` under the wire names the image APIs use, so that request builders and
/// the capability table speak about parameters the same way.
extension GenerationParameters {
    /// Parameters that image APIs know. A key of `extra` outside this list (a gateway's
    /// `fallbacks`, Opper's `parameters`) is not a model parameter and is always forwarded.
    static let knownParameterNames: Set<String> = [
        "size", "aspect_ratio", "quality", "background", "style", "moderation", "output_format",
        "output_compression", "user", "seed", "response_format", "input_fidelity", "store", "partial_images",
    ]

    /// The typed parameters that are set, in a fixed order, `n` first; `extra` not included.
    /// `n` goes only above 1: every image API defaults it to 1, the reference pages' examples
    /// leave it out, and the router's edit endpoint does not list it at all.
    var wireFields: [(key: String, value: JSONValue)] {
        var fields: [(key: String, value: JSONValue)] = n == 1 ? [] : [("n", .number(Double(n)))]
        func add(_ key: String, _ value: JSONValue?) {
            if let value { fields.append((key, value)) }
        }
        add("size", size.map { .string($0.description) })
        add("aspect_ratio", aspectRatio.map(JSONValue.string))
        add("quality", quality.map(JSONValue.string))
        add("background", background.map(JSONValue.string))
        add("style", style.map(JSONValue.string))
        add("moderation", moderation.map(JSONValue.string))
        add("output_format", outputFormat.map(JSONValue.string))
        add("output_compression", outputCompression.map { .number(Double($0)) })
        add("user", user.map(JSONValue.string))
        add("seed", seed.map { .number(Double($0)) })
        return fields
    }

    /// Refuses parameters a request body cannot carry as the cache key records them. Bodies are
    /// `JSONValue`s, whose numbers are Doubles: a seed a Double cannot hold (an odd one beyond
    /// ±2^53) would reach the provider rounded, a different seed than the one asked for.
    func checkWireExact() throws(ProviderError) {
        if let seed, Double(exactly: seed) == nil {
            throw ProviderError(.configuration, "seed \(seed) cannot be sent exactly: request numbers are doubles, "
                                + "which hold every integer up to ±2^53 (9007199254740992) but not this one")
        }
    }

    /// The members of `extra` when it is an object (anything else cannot be merged into a body).
    var extraMembers: [(key: String, value: JSONValue)] {
        if case let .object(members) = extra { return members }
        return []
    }

    /// Unsets the typed parameter or `extra` member called `name`.
    mutating func remove(_ name: String) {
        switch name {
        case "size": size = nil
        case "aspect_ratio": aspectRatio = nil
        case "quality": quality = nil
        case "background": background = nil
        case "style": style = nil
        case "moderation": moderation = nil
        case "output_format": outputFormat = nil
        case "output_compression": outputCompression = nil
        case "user": user = nil
        case "seed": seed = nil
        default:
            if case let .object(members) = extra { extra = .object(members.filter { $0.key != name }) }
        }
    }
}

extension JSONValue {
    /// The value as a form field or a message shows it: strings bare, numbers without `.0`.
    var plainText: String {
        switch self {
        case let .string(text): return text
        default: return serialized()
        }
    }
}
