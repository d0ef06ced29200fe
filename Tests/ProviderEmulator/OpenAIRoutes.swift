import Foundation
import AssetPipeBasics

/// `/images/generations`, `/images/edits`, `/images/variations` and task polls, in the OpenAI
/// wire format.
extension RequestRouter {
    static let maxEditImages = 16

    func generations(_ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        let json = try jsonBody(context)
        let parameters = try OpenAIParameters(json: json)
        let behavior = try behavior(of: parameters.model)
        try parameters.validate(for: behavior, requiresPrompt: true)
        var inputs: [RecordedInput] = []
        if let image = json["image"], image != .null {
            let decoder = InputDecoder(files: files, keepingBytes: configuration.recordsUploadedBytes, dialect: .taskPlatformInline)
            inputs = try decoder.decode(field: "image", image)
        }
        record.inputs = inputs
        try requireImageSupport(behavior, parameters.model, inputs: inputs)
        let operation: ImageSpec.Operation = inputs.isEmpty ? .generation : .edit
        let specs = parameters.specs(operation, sequence: context.sequence, inputs: inputs.count)

        if case let .asynchronous(taskBehavior) = behavior.mode {
            let task = tasks.create { id in
                AsyncTaskStore.TaskRecord(
                    id: id, model: parameters.model, prompt: parameters.prompt ?? "", size: parameters.size,
                    quality: parameters.quality, mode: operation == .edit ? "edit" : "generation",
                    createdAt: UnixTime.now, behavior: taskBehavior, created: now, fault: context.fault,
                    specs: specs, deliversURL: deliversURL(parameters, behavior),
                    revisedPrompt: revisedPrompt(parameters, behavior))
            }
            record.taskID = task.id
            return .json(200, task.object(.queued))
        }
        return imageResponse(specs, parameters, behavior, context, inputCount: inputs.count, record: &record)
    }

    func edits(_ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        let parameters: OpenAIParameters
        var inputs: [RecordedInput] = []
        switch context.body {
        case let .multipart(parts):
            parameters = try OpenAIParameters(form: context.body, fieldNames: Set(parts.filter { $0.filename == nil }.map(\.name)))
            inputs = try fileInputs(parts, imageFields: ["image", "image[]"], allowsMask: true)
        case let .json(value):
            parameters = try OpenAIParameters(json: JSONFields(value: value))
            let decoder = InputDecoder(files: files, keepingBytes: configuration.recordsUploadedBytes, dialect: .openAIJSONEdit)
            if let images = value["images"] { inputs += try decoder.decode(field: "images", images) }
            if let mask = value["mask"] { inputs += try decoder.decode(field: "mask", mask) }
        default:
            throw bodyError(context.body, expected: "multipart/form-data")
        }
        record.model = parameters.model
        record.inputs = inputs
        let behavior = try behavior(of: parameters.model)
        try parameters.validate(for: behavior, requiresPrompt: true)
        let images = inputs.filter { $0.field != "mask" }
        guard !images.isEmpty else {
            throw .invalidRequest("Missing required parameter: 'image'.", param: "image", code: "missing_required_parameter")
        }
        guard images.count <= Self.maxEditImages else {
            throw .invalidRequest("Too many images: at most \(Self.maxEditImages) are accepted.", param: "image",
                                  code: "invalid_value")
        }
        try requireImageSupport(behavior, parameters.model, inputs: inputs)
        let specs = parameters.specs(.edit, sequence: context.sequence, inputs: images.count)
        return imageResponse(specs, parameters, behavior, context, inputCount: images.count, record: &record)
    }

    func variations(_ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        guard case let .multipart(parts) = context.body else {
            throw bodyError(context.body, expected: "multipart/form-data")
        }
        let parameters = try OpenAIParameters(form: context.body, fieldNames: Set(parts.filter { $0.filename == nil }.map(\.name)))
        let inputs = try fileInputs(parts, imageFields: ["image"], allowsMask: false)
        record.model = parameters.model
        record.inputs = inputs
        let behavior = try behavior(of: parameters.model)
        try parameters.validate(for: behavior, requiresPrompt: false)
        guard inputs.count == 1 else {
            throw .invalidRequest("Variations take exactly one 'image' file.", param: "image", code: "invalid_value")
        }
        try requireImageSupport(behavior, parameters.model, inputs: inputs)
        let specs = parameters.specs(.variation, sequence: context.sequence, inputs: 1)
        return imageResponse(specs, parameters, behavior, context, inputCount: 1, record: &record)
    }

    func pollTask(_ id: String, _ context: RouteContext, record: inout RecordedRequest) throws(APIError) -> OutgoingResponse {
        record.taskID = id
        switch tasks.poll(id, at: now) {
        case .unknown:
            throw APIError(status: 404, message: "Task '\(id)' not found.", type: "invalid_request_error",
                           code: "task_not_found")
        case let .running(task, status):
            return .json(200, task.object(status))
        case let .finished(terminal):
            return taskResponse(terminal, record: &record)
        case let .finishing(task):
            return taskResponse(tasks.finish(id, with: finalObject(of: task, context, record: &record)), record: &record)
        }
    }

    private func taskResponse(_ terminal: JSONValue, record: inout RecordedRequest) -> OutgoingResponse {
        record.imagesReturned = AsyncTaskStore.imageCount(in: terminal)
        return .json(200, terminal)
    }

    /// The object a task answers with once it has ended, as its fault decides; its images sit
    /// where the model's `resultShape` says.
    private func finalObject(of task: AsyncTaskStore.TaskRecord, _ context: RouteContext,
                             record: inout RecordedRequest) -> JSONValue {
        switch task.fault {
        case let .taskFails(reason)?:
            let error = switch reason {
            case .serverError:
                APIError(status: 200, message: "Image generation failed: the upstream model returned an error.",
                         type: "server_error", code: "generation_failed")
            case .contentPolicy:
                APIError.contentPolicy
            }
            return task.object(.failed, adding: [("error", error.body["error"] ?? .null)])
        case .taskSucceedsWithoutImage?:
            return task.object(.succeeded, adding: [("created", created), ("data", .array([]))])
        default:
            let images = results.produce(task.specs, fault: task.fault)
            // The page: when the upstream only returns b64_json, the platform stores the image and
            // returns a public url in the task result. Only the `data` shape keeps inline images.
            let inline = task.behavior.resultShape == .data && !task.deliversURL
            let delivery = ImageDelivery(inline: inline, url: !inline, fileID: false, revisedPrompt: task.revisedPrompt)
            let items = results.items(images, delivery: delivery, host: context.host, opperShape: false, record: &record)
            return task.object(.succeeded, adding: [("created", created)] + AsyncTaskStore.placing(items, as: task.behavior.resultShape)
                               + [("usage", usage(prompt: task.prompt, inputImages: 0, outputImages: items.count))])
        }
    }

    /// A synchronous response with the images of `specs`.
    private func imageResponse(_ specs: [ImageSpec], _ parameters: OpenAIParameters, _ behavior: ModelBehavior,
                               _ context: RouteContext, inputCount: Int, record: inout RecordedRequest) -> OutgoingResponse {
        let images = results.produce(specs, fault: context.fault)
        let url = deliversURL(parameters, behavior)
        let delivery = ImageDelivery(inline: !url, url: url, fileID: false, revisedPrompt: revisedPrompt(parameters, behavior))
        let items = results.items(images, delivery: delivery, host: context.host, opperShape: false, record: &record)
        record.imagesReturned = items.count
        var members: [(key: String, value: JSONValue)] = [("created", created), ("data", .array(items))]
        if let background = parameters.background { members.append(("background", .string(background))) }
        members.append(("output_format", .string(parameters.outputFormat ?? "png")))
        if let quality = parameters.quality { members.append(("quality", .string(quality))) }
        if let size = parameters.size { members.append(("size", .string(size))) }
        members.append(("usage", usage(prompt: parameters.prompt ?? "", inputImages: inputCount, outputImages: items.count)))
        return .json(200, .object(members))
    }

    private func deliversURL(_ parameters: OpenAIParameters, _ behavior: ModelBehavior) -> Bool {
        parameters.responseFormat.map { $0 == "url" } ?? behavior.answersWithURL
    }

    private func revisedPrompt(_ parameters: OpenAIParameters, _ behavior: ModelBehavior) -> String? {
        behavior.revisesPrompt ? "A detailed rendering of: \(parameters.prompt ?? "")" : nil
    }

    private var created: JSONValue { .number(Double(UnixTime.now)) }

    /// Token usage in the GPT image shape; the figures are stand-ins that grow with the request.
    private func usage(prompt: String, inputImages: Int, outputImages: Int) -> JSONValue {
        let textTokens = prompt.split(separator: " ").count
        let imageTokens = inputImages * 323
        let outputTokens = outputImages * 1056
        return .object([
            ("input_tokens", .number(Double(textTokens + imageTokens))),
            ("input_tokens_details", .object([("text_tokens", .number(Double(textTokens))),
                                              ("image_tokens", .number(Double(imageTokens)))])),
            ("output_tokens", .number(Double(outputTokens))),
            ("output_tokens_details", .object([("image_tokens", .number(Double(outputTokens)))])),
            ("total_tokens", .number(Double(textTokens + imageTokens + outputTokens))),
        ])
    }

    /// The file parts of an edit or variation as inputs, rejecting parts whose Content-Type is
    /// not an image type as the real API does.
    private func fileInputs(_ parts: [MultipartPart], imageFields: Set<String>, allowsMask: Bool) throws(APIError) -> [RecordedInput] {
        var inputs: [RecordedInput] = []
        for part in parts where part.filename != nil && (imageFields.contains(part.name) || (allowsMask && part.name == "mask")) {
            let contentType = part.contentType ?? "application/octet-stream"
            guard contentType.lowercased().hasPrefix("image/") else {
                throw .invalidRequest(
                    "Invalid file '\(part.name)': unsupported mimetype ('\(contentType)'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.",
                    param: part.name, code: "invalid_image_format")
            }
            let file = RecordedFile(part, keepingBytes: configuration.recordsUploadedBytes)
            inputs.append(RecordedInput(field: part.name, form: .filePart(file)))
        }
        return inputs
    }

    func requireImageSupport(_ behavior: ModelBehavior, _ model: String, inputs: [RecordedInput]) throws(APIError) {
        guard !inputs.isEmpty, !behavior.acceptsImageInputs else { return }
        throw .invalidRequest("The model '\(model)' does not support image inputs.", param: inputs[0].field,
                              code: "invalid_image_request")
    }

    func jsonBody(_ context: RouteContext) throws(APIError) -> JSONFields {
        guard case let .json(value) = context.body else { throw bodyError(context.body, expected: "application/json") }
        return JSONFields(value: value)
    }

    func bodyError(_ body: RequestBody, expected: String) -> APIError {
        switch body {
        case let .unparseable(_, _, reason):
            .invalidRequest("We could not parse the body of your request (\(reason)). Expected \(expected).")
        default:
            .invalidRequest("Unsupported or missing body: expected \(expected).")
        }
    }
}
