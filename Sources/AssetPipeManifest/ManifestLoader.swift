import Foundation

/// Reads, checks and resolves a manifest file. All problems are collected and reported at once.
/// What a step's model will refuse is checked a layer up, where the capabilities are known
/// (`loadCheckingCapabilities`).
public struct ManifestLoader: Sendable {
    /// Where `api_key_env` variables are looked up (injected for tests).
    public var environment: [String: String]
    /// The CLI's `--output-dir`: replaces the manifest's `output_dir`, so one manifest can render
    /// into a scratch folder without being edited.
    public var outputDirectoryOverride: URL?
    /// Whether a provider a step uses must have its `api_key_env` set. Commands that send no
    /// request (`plan`, `clean`) turn it off, so a CI gate runs without secrets.
    public var checksAPIKeys: Bool

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, outputDirectoryOverride: URL? = nil,
                checksAPIKeys: Bool = true) {
        self.environment = environment
        self.outputDirectoryOverride = outputDirectoryOverride
        self.checksAPIKeys = checksAPIKeys
    }

    /// `displayPath` is how messages name the file (as the user typed it).
    public func load(contentsOf url: URL, displayPath: String? = nil) throws(ManifestError) -> Manifest {
        try load(data: try Self.read(url, displayPath: displayPath), fileURL: url, displayPath: displayPath)
    }

    /// The manifest's bytes, or the problem that kept them from being read.
    public static func read(_ url: URL, displayPath: String? = nil) throws(ManifestError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            let reason = (error as? CocoaError)?.code == .fileReadNoSuchFile ? "no such file" : error.localizedDescription
            throw ManifestError([ManifestDiagnostic(file: displayPath ?? url.path, path: "",
                                                    message: "cannot read the manifest: \(reason)")])
        }
    }

    /// `fileURL` locates the manifest's folder (for relative paths) even when the bytes came
    /// from elsewhere; nothing is read from it.
    public func load(data: Data, fileURL: URL, displayPath: String? = nil) throws(ManifestError) -> Manifest {
        let absolute = fileURL.absoluteURL.standardizedFileURL
        var diagnostics = DiagnosticCollector(file: displayPath ?? absolute.path)
        let decoder = ManifestDecoder(fileURL: absolute, environment: checksAPIKeys ? environment : nil,
                                      outputDirectoryOverride: outputDirectoryOverride)
        guard let manifest = decoder.decode(data, &diagnostics), diagnostics.isEmpty else {
            throw ManifestError(diagnostics.unique).located(in: data)
        }
        return manifest
    }
}
