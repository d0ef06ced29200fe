import Foundation

/// One problem in a manifest, located precisely enough to fix without guessing.
public struct ManifestDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The manifest file as the user named it.
    public var file: String
    /// JSON path such as `steps[3].outputs[0].quality`; empty for the document itself.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}

/// A manifest that cannot be run, with every problem found in it.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ManifestDiagnostic]

    public init(_ diagnostics: [ManifestDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
