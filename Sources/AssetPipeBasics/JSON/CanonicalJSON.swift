/// One spelling per JSON value, so that equal values hash equally: `JSONValue.serialized` with
/// object keys sorted by their UTF-8 bytes and no whitespace (integers without a fraction, other
/// numbers in Swift's shortest round-trip form, only the escapes JSON requires).
///
/// Cache keys are hashes of this text, so changing how anything is printed there invalidates every
/// cache; `KeyMaterial.formatVersion` must change with it.
package enum CanonicalJSON {
    package static func string(_ value: JSONValue) -> String {
        value.serialized(sortedKeys: true)
    }
}
