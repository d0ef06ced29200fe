import Foundation

/// The repository the tests run in, for the files it ships.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The manifests it ships — the examples and the provider templates — as paths relative to
    /// `root`, sorted. The lockfiles and the JSON Schema beside them are not manifests.
    static func shippedManifests() throws -> [String] {
        try ["examples", "manifests"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".lock.json") && !$0.hasSuffix(".schema.json") }
                .sorted()
                .map { "\(folder)/\($0)" }
        }
    }
}
