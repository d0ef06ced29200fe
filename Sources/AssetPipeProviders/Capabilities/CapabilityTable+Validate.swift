import AssetPipeManifest
import AssetPipeBasics
/// Problems a step would run into on a model, found before any request is sent.
extension CapabilityTable {
    /// Problems that adapting cannot fix (a size the model refuses, an input the model cannot
    /// take), each phrased for the user. Parameters the model ignores are not problems: `adapt`
    /// drops them and says so; nor is an `n` above `max_n`, which the step reaches with several
    /// requests.
    public func validate(_ parameters: GenerationParameters, for model: String, operation: Step.Operation = .generate,
                         prompt: String = "", inputImageCount: Int = 0) -> [String] {
        guard let caps = capabilities(for: model) else { return [] }
        var problems: [String] = []
        if let size = parameters.size, caps.takes("size"), !caps.accepts(size: size) {
            problems.append("size \(size) is not accepted by \(model) (accepted: \(acceptedSizes(caps)))")
        }
        if let ratio = parameters.aspectRatio, caps.takes("aspect_ratio"), let ratios = caps.aspectRatios, !ratios.contains(ratio) {
            problems.append("aspect_ratio \(ratio) is not accepted by \(model) (accepted: \(ratios.joined(separator: ", ")))")
        }
        for (name, value) in parameters.wireFields.map({ ($0.parameter.name, $0.value) }) + parameters.extraMembers {
            guard caps.takes(name), let allowed = caps.values?[name], !allowed.contains(value.plainText) else { continue }
            problems.append("\(name) \(value.plainText) is not accepted by \(model) (accepted: \(allowed.joined(separator: ", ")))")
        }
        if parameters.background == "transparent", let formats = caps.transparentBackgroundFormats,
           let format = parameters.outputFormat, !formats.contains(format) {
            problems.append("background transparent needs output_format \(formats.joined(separator: " or ")), not \(format)")
        }
        if let limit = caps.maxPromptLength, prompt.count > limit {
            problems.append("the prompt has \(prompt.count) characters; \(model) takes at most \(limit)")
        }
        problems += inputProblems(caps, model: model, operation: operation, inputImageCount: inputImageCount)
        return problems
    }

    /// `validate` for a manifest step on its primary model.
    public func validate(_ step: Step) -> [String] {
        validate(step.parameters, for: step.model.model, operation: step.operation, prompt: step.prompt,
                 inputImageCount: step.inputs.images.count + step.inputs.referenceImages.count)
    }

    private func inputProblems(_ caps: ModelCapabilities, model: String, operation: Step.Operation,
                               inputImageCount: Int) -> [String] {
        if operation == .variation {
            return caps.supportsVariations == false ? ["\(model) does not make variations"] : []
        }
        guard inputImageCount > 0 else { return [] }
        if caps.supportsEdits == false { return ["\(model) does not take input images (text-to-image only)"] }
        if let limit = caps.maxInputImages, inputImageCount > limit {
            return ["\(inputImageCount) input images exceed \(model)'s limit of \(limit)"]
        }
        return []
    }

    private func acceptedSizes(_ caps: ModelCapabilities) -> String {
        var accepted = caps.sizes ?? []
        if let rule = caps.sizeRule {
            accepted.append("any WxH" + (rule.multipleOf.map { " with sides multiple of \($0)" } ?? "")
                + (rule.maxAspectRatio.map { ", aspect between 1:\(JSONValue.numberText($0)) and \(JSONValue.numberText($0)):1" } ?? ""))
        }
        return accepted.joined(separator: ", ")
    }
}
