import AssetPipeBasics
/// The checks that need every step: ids, references, cycles, output collisions, API keys.
extension ManifestDecoder {
    func checkSteps(_ steps: [StepDecoder.Decoded], providers: [String: ProviderConfig],
                    _ diagnostics: inout DiagnosticCollector) {
        let start = diagnostics.diagnostics.count
        let byID = checkIDs(steps, &diagnostics)
        checkReferences(steps, byID: byID, &diagnostics)
        checkCycle(steps, &diagnostics)
        checkOutputCollisions(steps, &diagnostics)
        if let environment { checkAPIKeys(steps, providers: providers, environment: environment, &diagnostics) }
        diagnostics.summarizeRepeats(since: start, under: Set(steps.filter { $0.expansion != nil }.map(\.path)))
    }

    /// Each id names one step; the first step with an id owns it. Returns positions in `steps`.
    private func checkIDs(_ steps: [StepDecoder.Decoded], _ diagnostics: inout DiagnosticCollector) -> [String: Int] {
        var byID: [String: Int] = [:]
        byID.reserveCapacity(steps.count)
        for (position, step) in steps.enumerated() {
            guard let id = step.writtenID else { continue }
            if let first = byID[id] {
                diagnostics.report(step.path.appending("id"), Self.clash("step id \(JSONValue.quoted(id))", step, steps[first],
                                                                           fix: "put every matrix variable in the id"))
            } else {
                byID[id] = position
            }
        }
        return byID
    }

    /// `@STEP` must name a step, and `@STEP#K` one of its images.
    private func checkReferences(_ steps: [StepDecoder.Decoded], byID: [String: Int],
                                 _ diagnostics: inout DiagnosticCollector) {
        for step in steps {
            for reference in step.stepReferences {
                guard case let .step(id, index) = reference.value else { continue }
                guard let target = byID[id].map({ steps[$0] }) else {
                    let hint = DidYouMean.hint(for: id, among: byID.keys.sorted())
                    diagnostics.report(reference.path, "\(JSONValue.quoted(reference.value.description)) refers to no step: no step has the id \(JSONValue.quoted(id))\(hint)")
                    continue
                }
                if let count = target.imageCount, index >= count {
                    let images = count == 1 ? "1 image, numbered 0" : "\(count) images, numbered 0 to \(count - 1)"
                    diagnostics.report(reference.path, "\(JSONValue.quoted(reference.value.description)) asks for image \(index) of step \(JSONValue.quoted(id)), which makes \(images) (n = \(count))")
                }
            }
        }
    }

    /// A step cannot wait for its own result. `findCycle` reports one cycle; fixing it may
    /// reveal another on the next run, which is rare enough to accept.
    private func checkCycle(_ steps: [StepDecoder.Decoded], _ diagnostics: inout DiagnosticCollector) {
        var seen = Set<String>()
        let nodes = steps.compactMap { decoded -> (id: String, upstream: [String])? in
            guard let id = decoded.writtenID, seen.insert(id).inserted else { return nil }
            return (id, decoded.stepReferences.compactMap(\.value.upstreamStepID))
        }
        guard let cycle = StepGraph.findCycle(in: nodes), let first = cycle.first,
              let owner = steps.first(where: { $0.writtenID == first }) else { return }
        diagnostics.report(owner.path, GraphError.cycle(cycle).description)
    }

    /// Two outputs writing one file would overwrite each other in an order nobody chose.
    private func checkOutputCollisions(_ steps: [StepDecoder.Decoded], _ diagnostics: inout DiagnosticCollector) {
        var owners: [String: (step: StepDecoder.Decoded, output: JSONPath)] = [:]
        for step in steps {
            for output in step.outputs {
                for file in output.files {
                    if let owner = owners[file] {
                        diagnostics.report(output.path, owner.output == output.path
                            ? Self.clash("file \(JSONValue.quoted(file))", step, owner.step, fix: "put every matrix variable in the path")
                            : "writes the same file \(JSONValue.quoted(file)) as \(Self.name(owner.output, owner.step.expansion))")
                        break
                    }
                    owners[file] = (step, output.path)
                }
            }
        }
    }

    /// Two steps (or two expansions of one matrix step) that both claim `what`.
    private static func clash(_ what: String, _ step: StepDecoder.Decoded, _ owner: StepDecoder.Decoded, fix: String) -> String {
        if step.path == owner.path, let mine = step.expansion, let theirs = owner.expansion {
            return "the expansions \(theirs) and \(mine) both have the \(what); \(fix)"
        }
        let mine = step.expansion.map { " (the expansion \($0))" } ?? ""
        return "duplicate \(what)\(mine); \(name(owner.path, owner.expansion)) already has it"
    }

    /// `steps[3]`, or `steps[3] (the expansion item=sword)`.
    private static func name(_ path: JSONPath, _ expansion: String?) -> String {
        path.description + (expansion.map { " (the expansion \($0))" } ?? "")
    }

    /// A missing key is an error only for a provider that some step would call: a manifest with
    /// an unused OpenAI entry still runs offline. The message names the variable, never a value.
    private func checkAPIKeys(_ steps: [StepDecoder.Decoded], providers: [String: ProviderConfig], environment: [String: String],
                              _ diagnostics: inout DiagnosticCollector) {
        var reported = Set<String>()
        for step in steps {
            for model in step.models {
                guard let provider = providers[model.provider], let variable = provider.apiKeyEnv,
                      environment[variable]?.isEmpty ?? true, reported.insert(provider.name).inserted else { continue }
                let stepName = step.writtenID.map { " (\(JSONValue.quoted($0)))" } ?? ""
                diagnostics.report(JSONPath.root.appending("providers").appending(provider.name).appending("api_key_env"),
                                   "environment variable \(variable) is not set, and provider \(JSONValue.quoted(provider.name)) is used by \(step.path)\(stepName)")
            }
        }
    }
}
