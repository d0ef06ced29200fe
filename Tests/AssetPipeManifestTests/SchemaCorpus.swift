import Foundation
@testable import AssetPipeTestSupport

/// The manifests the schema spec gives to the runner and to the schema: the shipped examples and
/// templates, and the corpus in `Tests/SchemaCorpus`, one manifest per file.
enum SchemaCorpus {
    static let folder = Repository.root.appendingPathComponent("Tests/SchemaCorpus")

    enum Part: String, CaseIterable {
        /// Valid manifests, as varied as the runner allows.
        case accepted
        /// Manifests with one problem each.
        case rejected
    }

    /// The manifests of one part, as paths relative to the repository root (what test names show);
    /// empty when the folder cannot be read, which `theCorpusIsBroad` reports.
    static func files(_ part: Part) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(part.rawValue).path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "Tests/SchemaCorpus/\(part.rawValue)/\($0)" }
    }

    static var shipped: [String] { (try? Repository.shippedManifests()) ?? [] }

    /// Everything the schema validates in one run.
    static var all: [String] { shipped + Part.allCases.flatMap(files) }

    static func url(_ path: String) -> URL { Repository.root.appendingPathComponent(path) }
}
