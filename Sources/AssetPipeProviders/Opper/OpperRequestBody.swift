import AssetPipeBasics
import AssetPipeManifest
/// The body of Opper's `POST /v3/images`.
enum OpperRequestBody {
    /// `extra` members go to the top level as written (`response_format`, `store`), except
    /// `parameters`, whose members join the model parameters.
    static func json(model: String, prompt: String, parameters: GenerationParameters, image: [JSONValue],
                     mask: JSONValue?, referenceImages: [JSONValue]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("model", .string(model)), ("prompt", .string(prompt))]
        var modelParameters: [(key: String, value: JSONValue)] = []
        // Normalised fields at the top level, the other model parameters in `parameters`, which
        // Opper hands to the underlying model verbatim (`GenerationParameter.opper`).
        for (parameter, value) in parameters.wireFields {
            if parameter.opper == .topLevel { members.append((parameter.name, value)) } else { modelParameters.append((parameter.name, value)) }
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
