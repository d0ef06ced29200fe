import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

/// A scratch folder holding one manifest (`pack.json`) and any input files a test needs.
/// Removed when the fixture goes away.
final class ManifestFixture {
    let directory: URL
    var manifestURL: URL { directory.appendingPathComponent("pack.json") }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("assetpipe-manifest-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates a file (and its folders) relative to the fixture folder.
    @discardableResult
    func writeFile(_ relativePath: String, contents: String = "not really an image") throws -> URL {
        let url = directory.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        return url
    }

    func load(_ json: String, environment: [String: String] = [:], outputDirectory: URL? = nil) throws(ManifestError) -> Manifest {
        try ManifestLoader(environment: environment, outputDirectoryOverride: outputDirectory)
            .loadCheckingCapabilities(data: Data(json.utf8), fileURL: manifestURL, displayPath: "pack.json")
    }

    /// The diagnostics of a manifest that must not load; records an issue if it loads.
    func diagnostics(_ json: String, environment: [String: String] = [:],
                     sourceLocation: SourceLocation = #_sourceLocation) -> [ManifestDiagnostic] {
        do {
            _ = try load(json, environment: environment)
            Issue.record("expected the manifest to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The single diagnostic of a manifest with exactly one problem, as `path: message`.
    func problem(_ json: String, environment: [String: String] = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let found = diagnostics(json, environment: environment, sourceLocation: sourceLocation)
        #expect(found.count == 1, "expected one diagnostic, found: \(found.map(\.description))", sourceLocation: sourceLocation)
        return found.first.map { "\($0.path): \($0.message)" }
    }
}

/// A manifest around the given steps: `{"version": 1, <fields>, "steps": [<steps>]}`, where each
/// step without a model uses `local:studio` through `defaults` unless `fields` sets them.
func manifest(_ steps: String..., fields: String = #""defaults": {"model": "local:studio"}"#) -> String {
    #"{"version": 1, \#(fields), "steps": [\#(steps.joined(separator: ", "))]}"#
}
