import Foundation
import AssetPipeBasics

/// Turns manifest bytes into a `Manifest`, reporting every problem it finds on the way.
///
/// Fields are read first, each against its own rule; the checks that need the whole manifest
/// (step references, cycles, output collisions, API keys) run afterwards on whatever could be
/// read, so one bad step does not hide the problems of the others.
struct ManifestDecoder {
    /// `$schema` names the JSON Schema editors complete the manifest from (`assetpipe schema`);
    /// the runner accepts it and reads nothing from it.
    static let fields = ["$schema", "version", "output_dir", "providers", "defaults", "steps", "max_cost", "prices"]

    /// Absolute; its folder is what relative paths in the manifest are relative to.
    let fileURL: URL
    /// nil: API key variables are not checked.
    let environment: [String: String]?
    let outputDirectoryOverride: URL?

    var baseDirectory: URL { fileURL.deletingLastPathComponent() }

    func decode(_ data: Data, _ diagnostics: inout DiagnosticCollector) -> Manifest? {
        let document: JSONDocument
        do {
            document = try JSONParser.parse(data)
        } catch {
            diagnostics.report(.root, "invalid JSON: \(error.message)", line: error.line, column: error.column)
            return nil
        }
        for duplicate in document.duplicateKeys {
            diagnostics.report(duplicate.path, "this field is written twice in the same object; keep one",
                               line: duplicate.line, column: duplicate.column)
        }
        guard var reader = ObjectReader(document.value, at: .root, knownFields: Self.fields, diagnostics: &diagnostics,
                                        expectation: "a manifest object") else { return nil }

        _ = reader.read("$schema", .nonEmptyString, &diagnostics)
        _ = reader.require("version", ValueRule<Int>.integer().then("1") { version in
            version == 1 ? .success(version) : .failure(Rejection("expected 1, the only manifest version this assetpipe reads, found \(version)"))
        }, &diagnostics)
        let outputDirectory = reader.read("output_dir", .nonEmptyString, &diagnostics) ?? "out"
        let providers = ProviderDecoder().decode(reader.value("providers"), &diagnostics)
        // Declared names count even when their entry is invalid, so steps using them are not
        // also reported as naming an unknown provider.
        let providerNames = Array(Set(providers.keys).union(reader.value("providers")?.objectMembers?.map(\.key) ?? [])).sorted()
        let maxCost = reader.read("max_cost", .number(atLeast: 0), &diagnostics)
        let prices = reader.read("prices", Self.prices(providers: providerNames), &diagnostics) ?? [:]
        let defaults = decodeDefaults(reader.value("defaults"), providers: providerNames, &diagnostics)
        let stepDecoder = StepDecoder(providers: providerNames, defaults: defaults,
                                      inputDecoder: InputDecoder(baseDirectory: baseDirectory))
        let stepRule = ValueRule<[StepDecoder.Decoded]>(expectation: "a step object", read: stepDecoder.decodeExpanding)
        let steps = (reader.require("steps", .list(of: stepRule, allowEmpty: false), &diagnostics) ?? []).flatMap { $0 }

        checkSteps(steps, providers: providers, &diagnostics)
        guard diagnostics.isEmpty else { return nil }
        return Manifest(fileURL: fileURL,
                        outputDirectory: outputDirectoryOverride?.standardizedFileURL
                            ?? URL(fileURLWithPath: outputDirectory, relativeTo: baseDirectory).standardizedFileURL,
                        providers: providers, steps: steps.compactMap(\.step), maxCost: maxCost, prices: prices,
                        stepSources: Dictionary(steps.compactMap { decoded in decoded.step.map { ($0.id, decoded.path) } },
                                                uniquingKeysWith: { first, _ in first }))
    }

    private func decodeDefaults(_ value: JSONValue?, providers: [String], _ diagnostics: inout DiagnosticCollector) -> StepSettings {
        guard let value,
              var reader = ObjectReader(value, at: JSONPath.root.appending("defaults"), knownFields: StepSettings.fields,
                                        diagnostics: &diagnostics) else { return StepSettings() }
        return StepSettings(reading: &reader, providers: providers, &diagnostics)
    }

    /// `{"openai:gpt-image-1": {"low": 0.011, "high": 0.167}}`: USD per image by quality.
    private static func prices(providers: [String]) -> ValueRule<[String: [String: Double]]> {
        let perQuality = ValueRule<[(key: String, value: Double)]>.members(of: .number(atLeast: 0))
        return ValueRule(expectation: "an object mapping \"PROVIDER:MODEL\" to prices by quality") { value, path, diagnostics in
            guard let members = value.objectMembers else {
                diagnostics.report(path, Rejection.expected("an object mapping \"PROVIDER:MODEL\" to prices by quality", found: value).message)
                return nil
            }
            var table: [String: [String: Double]] = [:]
            for (key, entry) in members {
                if case let .failure(rejection) = ModelRef.check(key, providers: providers) {
                    diagnostics.report(path.appending(key), rejection.message)
                }
                if let prices = perQuality.read(entry, path.appending(key), &diagnostics) {
                    table[key] = Dictionary(prices.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                }
            }
            return table
        }
    }
}
