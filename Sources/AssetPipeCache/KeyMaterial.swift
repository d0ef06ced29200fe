import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// Everything that determines what a step's generation returns, and nothing else: the step's
/// cache key is the hash of this, so a re-run pays again exactly when one of these changed.
///
/// Deliberately left out: output settings (format, quality, resize… are re-applied to the cached
/// original for free), fallback models (the record says which model actually answered), the
/// provider's name, key, key variable and headers (secrets must never reach a committed lockfile,
/// and renaming a provider entry changes no pixel).
///
/// Each field is also fingerprinted on its own, so a later run can say *why* a key changed
/// (`changed (prompt)`) by comparing fingerprints stored in the lockfile.
public struct KeyMaterial: Sendable, Hashable {
    /// Bumped whenever the material or its canonical spelling changes, so old cache entries stop
    /// matching instead of being served for a key that now means something else. A key that
    /// changed only because of this has no changed field.
    public static let formatVersion = 2

    /// The field names, in the order `fields` lists them.
    public static let fieldNames = [
        "provider", "model", "operation", "prompt", "parameters", "image", "mask", "reference_images",
    ]

    /// `{"api": …, "base_url": …}`; `base_url` only when the manifest sets one.
    public var provider: JSONValue
    /// The primary model ref, `PROVIDER:MODEL`.
    public var model: String
    public var operation: String
    public var prompt: String
    /// The forwarded generation parameters that are set, by their manifest names.
    public var parameters: JSONValue
    /// Content hashes of the step's `image` inputs, in order.
    public var image: [String]
    public var mask: String?
    public var referenceImages: [String]

    /// `inputHashes` gives a content hash for each `.step` and `.file` input of `step` (upstream
    /// image or file bytes, so a regenerated upstream changes every dependent's key); a `.url`
    /// input without one is keyed by the hash of the URL text.
    public init(step: Step, provider: ProviderConfig, inputHashes: [InputRef: String]) throws(KeyMaterialError) {
        var missing: [InputRef] = []
        func hash(_ input: InputRef) -> String {
            if let known = inputHashes[input] { return known }
            if case let .url(url) = input { return SHA256.hex(url) }
            missing.append(input)
            return ""
        }
        var providerMembers: [(key: String, value: JSONValue)] = [("api", .string(provider.api.rawValue))]
        if let baseURL = provider.baseURL { providerMembers.append(("base_url", .string(baseURL.absoluteString))) }
        self.provider = .object(providerMembers)
        model = step.model.description
        operation = step.operation.rawValue
        prompt = step.prompt
        parameters = step.parameters.keyJSON()
        image = step.inputs.images.map(hash)
        mask = step.inputs.mask.map(hash)
        referenceImages = step.inputs.referenceImages.map(hash)
        if !missing.isEmpty { throw KeyMaterialError(stepID: step.id, missingInputs: missing) }
    }

    /// Each field by name, as it is hashed.
    public var fields: [(name: String, value: JSONValue)] {
        [
            ("provider", provider),
            ("model", .string(model)),
            ("operation", .string(operation)),
            ("prompt", .string(prompt)),
            ("parameters", parameters),
            ("image", .array(image.map(JSONValue.string))),
            ("mask", mask.map(JSONValue.string) ?? .null),
            ("reference_images", .array(referenceImages.map(JSONValue.string))),
        ]
    }

    /// The cache key: SHA-256 hex of the canonical JSON of every field and `formatVersion`.
    public var key: String {
        let document = JSONValue.object(
            fields.map { (key: $0.name, value: $0.value) } + [("format", .number(Double(Self.formatVersion)))]
        )
        return SHA256.hex(CanonicalJSON.string(document))
    }

    /// Field name → the first 16 hex digits of the SHA-256 of that field's canonical JSON: short
    /// enough for a lockfile, long enough that two different values never look the same.
    public var fingerprints: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0.name, String(SHA256.hex(CanonicalJSON.string($0.value)).prefix(16))) })
    }

    /// The fields whose fingerprint differs from `old` (a lockfile's), sorted by name. A field
    /// missing from `old` counts as changed; names only in `old` (from an older format) do not.
    public func changedFields(from old: [String: String]) -> [String] {
        fingerprints.filter { old[$0.key] != $0.value }.map(\.key).sorted()
    }

}

/// A key cannot be computed because the runner has no content hash for some inputs yet (e.g. an
/// upstream step that has not produced its image).
public struct KeyMaterialError: Error, Sendable, Equatable, CustomStringConvertible {
    public var stepID: String
    public var missingInputs: [InputRef]

    public var description: String {
        "step '\(stepID)': no content hash for input \(missingInputs.map(\.description).joined(separator: ", "))"
    }
}
