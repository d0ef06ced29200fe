import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

/// The JSON Schema gives a manifest the runner's verdict: it accepts every manifest the runner
/// accepts — the examples, the templates, and a corpus as varied as the decoders allow — and
/// rejects the broken ones the runner rejects, pointing at the same place or above it. Where
/// JSON Schema cannot state a rule (references, cycles, files, `{index}` when n > 1) the runner is
/// the stricter one, never the schema. The field lists are `ManifestSchemaFieldTests`.
@Suite struct ManifestSchemaTests {
    @Test func isADraft202012SchemaOfManifestVersion1() throws {
        let schema = try JSONValue(parsing: ManifestSchema.text)
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(schema["$id"] == .string("https://assetpipe.dev/schemas/manifest-v1.json"))
        #expect(schema[pointer: "/properties/version/const"] == .number(1))
        // validate.py checks the schema against the draft's metaschema before it validates a file.
        _ = try SchemaValidator.violations(of: try #require(SchemaCorpus.shipped.first))
    }

    @Test func theCorpusIsThere() {
        #expect(SchemaCorpus.shipped.count >= 5)
        for part in SchemaCorpus.Part.allCases {
            #expect(!SchemaCorpus.files(part).isEmpty, "no manifests in Tests/SchemaCorpus/\(part.rawValue)")
        }
    }

    @Test(arguments: SchemaCorpus.shipped)
    func everyExampleAndTemplateLoadsAndValidates(_ file: String) throws {
        try Self.expectAcceptedByBoth(file)
    }

    @Test(arguments: SchemaCorpus.files(.accepted))
    func whatTheRunnerAcceptsTheSchemaAccepts(_ file: String) throws {
        try Self.expectAcceptedByBoth(file)
    }

    @Test(arguments: SchemaCorpus.files(.rejected))
    func whatTheRunnerRejectsTheSchemaRejectsThere(_ file: String) throws {
        let problems = Self.runnerProblems(file)
        try #require(problems.count == 1, "\(file) should have exactly one problem; the runner reports \(problems)")
        let problem = problems[0]
        let violations = try SchemaValidator.violations(of: file)
        try #require(!violations.isEmpty, "the schema accepts \(file), which the runner rejects: \(problem)")
        let place = problem.jsonPath?.components ?? []
        #expect(violations.contains { place.starts(with: $0.path.components) },
                "the schema rejects \(file) elsewhere than the runner (\(problem.path)): \(violations)")
    }

    private static func expectAcceptedByBoth(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = runnerProblems(file)
        #expect(problems.isEmpty, "the runner rejects \(file): \(problems)", sourceLocation: sourceLocation)
        let violations = try SchemaValidator.violations(of: file)
        #expect(violations.isEmpty, "the schema rejects \(file), which the runner accepts: \(violations)",
                sourceLocation: sourceLocation)
    }

    /// What the runner finds wrong with a manifest; API key variables are not looked up.
    private static func runnerProblems(_ file: String) -> [ManifestDiagnostic] {
        do {
            _ = try ManifestLoader(environment: [:], checksAPIKeys: false).load(contentsOf: SchemaCorpus.url(file), displayPath: file)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
