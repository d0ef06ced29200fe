import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeEngine

/// `assetpipe models --json`: the same answers for scripts.
///
/// `{"all_known", "providers": [{"name", "api", "listed", "error"?, "accepts_any_model",
/// "models": [{"id", "source", "sizes", "aspect_ratios", "supports_edit", "used_by"}],
/// "other_models", "used"}], "unknown": [{"model", "used_by", "suggestion"}]}`; a capability the
/// provider and the tables leave open is `null`.
enum ModelsJSON {
    static func render(_ answers: [ProviderModels]) -> String {
        let unknown: [JSONValue] = answers.flatMap { answer in
            answer.unknownRefs.map { unknown in
                JSONValue.object([
                    ("model", .string(unknown.use.model.description)),
                    ("used_by", strings(unknown.use.steps)),
                    ("suggestion", unknown.suggestion.map { .string(ModelRef(provider: answer.config.name, model: $0).description) } ?? .null),
                ])
            }
        }
        let document: JSONValue = .object([
            ("all_known", .bool(answers.allRefsKnown)),
            ("providers", .array(answers.map(provider))),
            ("unknown", .array(unknown)),
        ])
        return document.serialized(sortedKeys: false, pretty: true)
    }

    private static func provider(_ answer: ProviderModels) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(answer.config.name)), ("api", .string(answer.config.api.rawValue)),
        ]
        switch answer.outcome {
        case let .failure(error):
            members += [("listed", .bool(false)), ("error", .string(error.description))]
        case let .success(catalog):
            members += [
                ("listed", .bool(true)), ("accepts_any_model", .bool(catalog.acceptsAnyName)),
                ("models", .array(catalog.entries.map { model($0, usedBy: answer.steps(using: $0.model.id)) })),
                ("other_models", strings(catalog.otherModels)),
                ("used", strings(answer.uses.map(\.model.model))),
            ]
        }
        return .object(members)
    }

    private static func model(_ entry: ModelCatalog.Entry, usedBy steps: [String]) -> JSONValue {
        let model = entry.model
        return .object([
            ("id", .string(model.id)), ("source", .string(entry.source.rawValue)),
            ("sizes", model.sizes.map(strings) ?? .null), ("aspect_ratios", model.aspectRatios.map(strings) ?? .null),
            ("supports_edit", model.supportsEdits.map(JSONValue.bool) ?? .null), ("used_by", strings(steps)),
        ])
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }
}
