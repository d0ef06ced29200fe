import AssetPipeBasics
import AssetPipeManifest
/// `GenerationParameters` on the wire, derived from `GenerationParameter.all`, so request builders
/// and the capability table speak about parameters the same way.
extension GenerationParameters {
    /// The parameters that are set, in table order, as the wire carries them; a parameter at its
    /// default (`n` of 1, which every API assumes and the reference pages leave out) is not sent.
    /// `extra` is not included.
    var wireFields: [(parameter: GenerationParameter, value: JSONValue)] {
        settings.compactMap { setting in
            setting.value == setting.parameter.defaultValue ? nil : (setting.parameter, setting.value.wireValue)
        }
    }

    /// Refuses parameters a request body cannot carry as the cache key records them. Bodies are
    /// `JSONValue`s, whose numbers are doubles: an integer a double cannot hold (an odd seed
    /// beyond ±2^53) would reach the provider rounded, a different value than the one asked for.
    func checkWireExact() throws(ProviderError) {
        for (parameter, value) in settings {
            guard let integer = value.integer, Double(exactly: integer) == nil else { continue }
            throw ProviderError(.configuration, "\(parameter) \(integer) cannot be sent exactly: request numbers are doubles, "
                                + "which hold every integer up to ±2^53 (9007199254740992) but not this one")
        }
    }

    /// Unsets the parameter or `extra` member called `name`.
    mutating func remove(_ name: String) {
        if let parameter = GenerationParameter.all.first(where: { $0.name == name }) {
            self[parameter] = nil
        } else if case let .object(members) = extra {
            extra = .object(members.filter { $0.key != name })
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
