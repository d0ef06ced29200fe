import Foundation
import AssetPipeBasics

/// One problem in a manifest, located precisely enough to fix without guessing.
public struct ManifestDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The manifest file as the user named it.
    public var file: String
    /// JSON path such as `steps[3].outputs[0].quality`; empty for the document itself.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String
    /// Where in the text: the value at `path`, or the nearest thing that exists when the problem
    /// is something missing. Set by the loader once every problem is known (`locating(in:)`).
    public var line: Int?
    public var column: Int?
    /// The path as components, for finding its text position (not part of equality: `path`
    /// already says where).
    public var jsonPath: JSONPath?

    public static func == (lhs: ManifestDiagnostic, rhs: ManifestDiagnostic) -> Bool {
        (lhs.file, lhs.path, lhs.message, lhs.line, lhs.column) == (rhs.file, rhs.path, rhs.message, rhs.line, rhs.column)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(path)
        hasher.combine(message)
        hasher.combine(line)
        hasher.combine(column)
    }

    public init(file: String, path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    public init(file: String, at path: JSONPath, message: String) {
        self.init(file: file, path: path.description, message: message)
        jsonPath = path
    }

    /// This diagnostic with its line and column in `positions`, unless it has them already.
    public func located(in positions: JSONPositions) -> ManifestDiagnostic {
        guard line == nil, let jsonPath, let location = positions.location(of: jsonPath) else { return self }
        var located = self
        located.line = location.line
        located.column = location.column
        return located
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

    /// Every diagnostic with its line and column in `data`, the manifest's text: one scan,
    /// made only when there are problems to report.
    public func located(in data: Data) -> ManifestError {
        let positions = JSONParser.positions(in: data)
        return ManifestError(diagnostics.map { $0.located(in: positions) })
    }
}
