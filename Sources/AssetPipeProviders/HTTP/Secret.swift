/// A credential that never prints: `description`, `debugDescription` and the mirror all show
/// `[redacted]`, so `String(describing:)`, `String(reflecting:)` or `dump` of anything holding one
/// (a `ProviderHTTPClient`, a provider, a log line) cannot leak it. Only `value` gives it out.
struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// What a secret is replaced with wherever it would appear.
    static let placeholder = "[redacted]"

    let value: String

    init(_ value: String) {
        self.value = value
    }

    var description: String { Self.placeholder }
    var debugDescription: String { Self.placeholder }
    var customMirror: Mirror { Mirror(self, children: [:]) }
}
