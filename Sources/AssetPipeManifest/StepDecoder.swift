import AssetPipeBasics
/// Reads one entry of `steps`, with `defaults` applied.
struct StepDecoder {
    static let fields = ["id", "model", "fallbacks", "operation", "prompt"] + GenerationParameter.all.map(\.name)
        + ["parameters", "image", "mask", "reference_images", "outputs", "batch"] + StepMatrix.fields

    /// A step as read, with what the checks across steps need: its id, image count, references
    /// to other steps and output files, each with the path to blame.
    struct Decoded {
        let path: JSONPath
        /// For a matrix step's expansion, its combination (`item=sword, tier=wood`).
        var expansion: String?
        /// The id as written, when it is a string (even an invalid one), so that references to
        /// it do not add "unknown step" noise on top of the id's own error.
        let writtenID: String?
        let imageCount: Int?
        /// The primary model and the fallbacks, after defaults: the providers this step may call.
        let models: [ModelRef]
        let inputs: [Located<InputRef>]
        let outputs: [OutputDecoder.Decoded]
        /// Nil when any field of the step is invalid; those problems are already reported.
        let step: Step?

        var stepReferences: [Located<InputRef>] { inputs.filter { $0.value.upstreamStepID != nil } }
    }

    let providers: [String]
    let defaults: StepSettings
    let inputDecoder: InputDecoder

    /// The step at `path`, or each expansion of a matrix step (none when its matrix is unusable,
    /// which is reported).
    func decodeExpanding(_ value: JSONValue, at path: JSONPath, _ diagnostics: inout DiagnosticCollector) -> [Decoded]? {
        guard let members = value.objectMembers, members.contains(where: { StepMatrix.fields.contains($0.key) }) else {
            return decode(value, at: path, &diagnostics).map { [$0] }
        }
        guard let matrix = StepMatrix.read(members, at: path, &diagnostics),
              let expanded = MatrixExpansion(matrix: matrix, path: path).expand(members, &diagnostics) else { return [] }
        let start = diagnostics.diagnostics.count
        let steps = expanded.compactMap { step, combination in
            var decoded = decode(step, at: path, &diagnostics)
            decoded?.expansion = combination.label
            return decoded
        }
        diagnostics.summarizeRepeats(since: start, under: [path])
        return steps
    }

    func decode(_ value: JSONValue, at path: JSONPath, _ diagnostics: inout DiagnosticCollector) -> Decoded? {
        guard var reader = ObjectReader(value, at: path, knownFields: Self.fields, diagnostics: &diagnostics) else { return nil }
        let errorsBefore = diagnostics.diagnostics.count
        let id = reader.require("id", .stepID, &diagnostics)
        let settings = StepSettings(reading: &reader, providers: providers, &diagnostics).inheriting(defaults)
        if settings.model == nil, !settings.rejected.contains("model") {
            diagnostics.report(path.appending("model"), "\(path) has no model; set \"model\" (\"PROVIDER:MODEL\") on the step or in \"defaults\"")
        }
        let operation = reader.read("operation", Self.operation, &diagnostics) ?? .generate
        let prompt = operation == .variation
            ? reader.read("prompt", .string, &diagnostics) ?? ""
            : reader.require("prompt", .nonEmptyString, &diagnostics)
        let images = reader.read("image", .oneOrMore(inputDecoder.rule), &diagnostics) ?? []
        let mask = reader.read("mask", inputDecoder.rule, &diagnostics)
        let references = reader.read("reference_images", .list(of: inputDecoder.rule), &diagnostics) ?? []
        checkInputs(operation: operation, images: images, reader, &diagnostics)

        let outputs = reader.read("outputs", .list(of: OutputDecoder(imageCount: settings.imageCount).rule), &diagnostics) ?? []
        let batch = reader.read("batch", .bool, &diagnostics)

        var step: Step?
        if let id, let model = settings.model, let prompt, diagnostics.diagnostics.count == errorsBefore {
            step = Step(id: id, model: model, fallbacks: settings.fallbacks ?? [], operation: operation, prompt: prompt,
                        parameters: settings.generationParameters, images: images.map(\.value), mask: mask?.value,
                        referenceImages: references.map(\.value), outputs: outputs.map(\.spec), batch: batch)
        }
        return Decoded(path: path, writtenID: reader.value("id")?.stringValue, imageCount: settings.imageCount,
                       models: (settings.model.map { [$0] } ?? []) + (settings.fallbacks ?? []),
                       inputs: images + (mask.map { [$0] } ?? []) + references, outputs: outputs, step: step)
    }

    /// A variation transforms exactly one image; a mask marks the area of an input to edit.
    private func checkInputs(operation: Step.Operation, images: [Located<InputRef>], _ reader: ObjectReader,
                             _ diagnostics: inout DiagnosticCollector) {
        if operation == .variation, !reader.rejectedKeys.contains("image") {
            if !reader.contains("image") {
                reader.reportMissing("image", expectation: "the one image a variation is made from", &diagnostics)
            } else if images.count != 1 {
                diagnostics.report(reader.path.appending("image"), "a variation is made from exactly one image, found \(images.count)")
            }
        }
        if reader.contains("mask"), !reader.contains("image") {
            diagnostics.report(reader.path.appending("mask"), "\"mask\" needs \"image\": a mask marks the area of an input image to edit")
        }
    }

    private static var operation: ValueRule<Step.Operation> {
        ValueRule<String>.oneOf(Step.Operation.allCases.map(\.rawValue)).then { text in
            Step.Operation(rawValue: text).map { .success($0) } ?? .failure(Rejection("unknown operation"))
        }
    }
}
