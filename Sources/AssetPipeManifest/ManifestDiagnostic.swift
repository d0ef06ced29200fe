import Foundation

/// One problem in a manifest, located precisely enough to fix without guessing.
public struct ManifestDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The manifest file as the user named it.
    public var file: String
    /// JSON path such as `steps[3].outputs[0].quality`; empty for the document itself.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String
    /// Set for problems the JSON parser finds (syntax errors, duplicate keys), where the text
    /// position is what the user needs; semantic problems are located by `path` alone.
    public var line: Int?
    public var column: Int?

    public init(file: String, path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    /// `file:line:column: path: message`, the shape editors and CI logs link to.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
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
