/// The body of Opper's `POST /v3/images`.
enum OpperRequestBody {
    /// Fields Opper takes at the top level; the other model parameters travel in `parameters`,
    /// which Opper hands to the underlying model verbatim.
    private static let topLevel: Set<String> = ["n", "size", "aspect_ratio", "quality", "style"]

    /// `extra` members go to the top level as written (`response_format`, `store`), except
    /// `parameters`, whose members join the model parameters.
    static func json(model: String, prompt: String, parameters: GenerationParameters, image: [JSONValue],
                     mask: JSONValue?, referenceImages: [JSONValue]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("model", .string(model)), ("prompt", .string(prompt))]
        var modelParameters: [(key: String, value: JSONValue)] = []
        for field in parameters.wireFields {
            if topLevel.contains(field.key) { members.append(field) } else { modelParameters.append(field) }
        }
        for field in parameters.extraMembers {
            if field.key == "parameters", case let .object(inner) = field.value {
                modelParameters += inner
            } else {
                members.append(field)
            }
        }
        if image.count == 1 {
            members.append(("image", image[0]))
        } else if !image.isEmpty {
            members.append(("image", .array(image)))
        }
        if let mask { members.append(("mask", mask)) }
        if !referenceImages.isEmpty { members.append(("reference_images", .array(referenceImages))) }
        if !modelParameters.isEmpty { members.append(("parameters", .object(modelParameters))) }
        return .object(members)
    }
}
