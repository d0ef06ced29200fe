import Foundation

/// Reads, checks and resolves a manifest file. All problems are collected and reported at once.
public struct ManifestLoader: Sendable {
    /// Where `api_key_env` variables are looked up (injected for tests).
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `displayPath` is how messages name the file (as the user typed it).
    public func load(contentsOf url: URL, displayPath: String? = nil) throws(ManifestError) -> Manifest {
        fatalError("not implemented")
    }

    public func load(data: Data, fileURL: URL, displayPath: String? = nil) throws(ManifestError) -> Manifest {
        fatalError("not implemented")
    }
}
