import Foundation

/// `POST /v3/images` in the Opper wire format: `file_id`-addressable stored images, inputs as
/// URL, data URI or `file_id`, and a cost per request.
extension RequestRouter {
    static let opperMaxImages = 4

    func opperImages(_ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        let json = try jsonBody(context)
        guard let model = json.string("model"), !model.isEmpty else {
            throw .invalidRequest("Missing required parameter: 'model'.", param: "model", code: "missing_required_parameter")
        }
        guard let prompt = json.string("prompt"), !prompt.isEmpty else {
            throw .invalidRequest("Missing required parameter: 'prompt'.", param: "prompt", code: "missing_required_parameter")
        }
        let behavior = try behavior(of: model)
        let n = json.has("n") ? json.int("n") : 1
        let maxImages = min(behavior.maxImages ?? Self.opperMaxImages, Self.opperMaxImages)
        guard let n, (1...maxImages).contains(n) else {
            throw .invalidRequest("Invalid 'n': expected an integer between 1 and \(maxImages).", param: "n", code: "invalid_value")
        }
        let responseFormat = json.string("response_format") ?? "b64_json"
        guard ["b64_json", "url"].contains(responseFormat) else {
            throw .invalidRequest("Invalid 'response_format': expected 'b64_json' or 'url'.", param: "response_format",
                                  code: "invalid_value")
        }
        if let size = json.string("size"), !OpenAIParameters.isValidSize(size) {
            throw .invalidRequest("Invalid size '\(size)'.", param: "size", code: "invalid_value")
        }
        let store = json.bool("store") ?? true

        let decoder = InputDecoder(files: files, keepingBytes: configuration.recordsUploadedBytes, dialect: .opper)
        var inputs: [RecordedInput] = []
        for field in ["image", "mask", "reference_images"] {
            if let value = json[field], value != .null { inputs += try decoder.decode(field: field, value) }
        }
        record.inputs = inputs
        try requireImageSupport(behavior, model, inputs: inputs)

        let imageCount = inputs.filter { $0.field != "mask" }.count
        let specs = (0..<n).map { index in
            ImageSpec(operation: imageCount == 0 ? .generation : .edit, model: model, prompt: prompt,
                      size: json.string("size") ?? json.string("aspect_ratio"), index: index,
                      outputFormat: json.string("output_format"), background: json.string("background"),
                      requestSequence: context.sequence, inputImageCount: imageCount)
        }
        let images = results.produce(specs, fault: context.fault)
        // Opper's page shows every image with a `revised_prompt`: the prompt as the model used it.
        let delivery = ImageDelivery(inline: responseFormat == "b64_json", url: store || responseFormat == "url",
                                     fileID: store,
                                     revisedPrompt: behavior.revisesPrompt ? "A detailed rendering of: \(prompt)" : prompt)
        let items = results.items(images, delivery: delivery, host: context.host, opperShape: true, record: &record)
        record.imagesReturned = items.count
        return .json(200, .object([
            ("id", .string("img-emu-\(context.sequence)")),
            ("model", .string(model)),
            ("created", .number(Double(UnixTime.now))),
            ("data", .array(items)),
            ("usage", .object([("cost", .number(configuration.costPerImage * Double(items.count))),
                               ("images", .number(Double(items.count)))])),
        ]))
    }
}
