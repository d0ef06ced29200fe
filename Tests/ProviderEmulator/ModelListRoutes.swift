import AssetPipeBasics

/// The model lists: Opper's `GET /v3/images/models` and the OpenAI-compatible `GET /models`.
extension RequestRouter {
    /// Opper's page says only that the list reports "the models you can use and their
    /// capabilities (sizes, aspect ratios, whether they support edit / image-to-image)"; the
    /// field names here are this emulator's choice, and the client reads alternatives too.
    func opperModels() -> OutgoingResponse {
        let models: [JSONValue] = configuration.opperModels.map { model in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(model.id)), ("object", .string("model")), ("owned_by", .string(model.ownedBy)),
            ]
            if !model.sizes.isEmpty { members.append(("sizes", .array(model.sizes.map(JSONValue.string)))) }
            if !model.aspectRatios.isEmpty { members.append(("aspect_ratios", .array(model.aspectRatios.map(JSONValue.string)))) }
            members.append(("supports_edit", .bool(model.supportsEdit)))
            return .object(members)
        }
        return .json(200, .object([("object", .string("list")), ("data", .array(models))]))
    }

    /// OpenAI's shape: `{"object": "list", "data": [{"id", "object": "model", "created", "owned_by"}]}`,
    /// with nothing about what a model does.
    func openAIModels() -> OutgoingResponse {
        let models: [JSONValue] = configuration.openAIModels.map { model in
            .object([("id", .string(model.id)), ("object", .string("model")), ("created", .number(Self.modelsCreated)),
                     ("owned_by", .string(model.ownedBy))])
        }
        return .json(200, .object([("object", .string("list")), ("data", .array(models))]))
    }

    /// A fixed `created` for every listed model, so answers are the same from run to run.
    static let modelsCreated = 1_700_000_000.0
}
