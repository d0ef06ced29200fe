import AssetPipeBasics

/// The JSON answer of a model list, Opper's `GET /v3/images/models` and OpenAI-compatible
/// `GET /models` alike, read leniently.
///
/// OpenAI's shape is fixed (`{"object": "list", "data": [{"id", …}]}`), but Opper's page only says
/// the list reports "sizes, aspect ratios, whether they support edit / image-to-image" without
/// naming fields, and gateways put capabilities into their `/models` in their own words. So the
/// list may be the top-level array or sit under `data` or `models`; a model may be a bare id or
/// an object naming itself by `id`, `name` or `model`; capabilities may sit on the model or in a
/// `capabilities` object, and edit support may be a flag (`supports_edit`, `edit`,
/// `image_to_image`, …) or a word in a `capabilities` list.
enum ModelListAnswer {
    /// Not a list of models; the caller turns it into an unusable-response error.
    struct ShapeError: Error {}

    static func models(in json: JSONValue) throws(ShapeError) -> [ListedModel] {
        guard let items = json.arrayValue ?? json["data"]?.arrayValue ?? json["models"]?.arrayValue else {
            throw ShapeError()
        }
        return items.compactMap(model)
    }

    static let idFields = ["id", "name", "model"]
    static let sizeFields = ["sizes", "supported_sizes"]
    static let aspectRatioFields = ["aspect_ratios", "aspectRatios", "supported_aspect_ratios"]
    static let editFlags = ["supports_edit", "supports_edits", "edit", "edits", "image_to_image", "supports_image_to_image"]
    /// Words in a `capabilities` list that mean the model takes input images.
    static let editWords: Set<String> = ["edit", "edits", "image_to_image", "image-to-image", "img2img"]

    /// A model, or nil for an entry with no name (skipped rather than failing the whole list).
    private static func model(_ item: JSONValue) -> ListedModel? {
        if let id = item.stringValue { return id.isEmpty ? nil : ListedModel(id: id) }
        guard let id = first(idFields, in: item, \.stringValue), !id.isEmpty else { return nil }
        let places = [item, item["capabilities"]].compactMap { $0 }
        return ListedModel(id: id, sizes: strings(sizeFields, in: places), aspectRatios: strings(aspectRatioFields, in: places),
                           supportsEdits: editSupport(item))
    }

    private static func editSupport(_ item: JSONValue) -> Bool? {
        if let words = item["capabilities"]?.arrayValue {
            return words.contains { editWords.contains($0.stringValue?.lowercased() ?? "") }
        }
        let places = [item, item["capabilities"]].compactMap { $0 }
        return places.lazy.compactMap { first(editFlags, in: $0, \.boolValue) }.first
    }

    /// The first of `fields` in any of `places` that holds a list of strings.
    private static func strings(_ fields: [String], in places: [JSONValue]) -> [String]? {
        places.lazy.compactMap { place in
            first(fields, in: place) { $0.arrayValue.map { $0.compactMap(\.stringValue) } }
        }.first
    }

    private static func first<T>(_ fields: [String], in object: JSONValue, _ read: (JSONValue) -> T?) -> T? {
        for field in fields {
            if let value = object[field].flatMap(read) { return value }
        }
        return nil
    }
}
