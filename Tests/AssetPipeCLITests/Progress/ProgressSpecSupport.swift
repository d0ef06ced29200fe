@testable import AssetPipeManifest
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// Run events as a spec writes them.
enum Events {
    static let model = ModelRef(provider: "openai", model: "gpt-image-1")

    static func plan(steps: Int, images: Int? = nil, generating: Int? = nil, cost: Double = 0) -> RunEvent {
        .runStarted(RunStart(steps: steps, images: images ?? steps, stepsToGenerate: generating ?? steps, estimatedCost: cost))
    }

    static func started(_ id: String, _ model: ModelRef = model) -> RunEvent {
        .stepStarted(stepID: id, model: model)
    }

    static func generated(_ id: String, images: Int = 1, cost: Double? = nil) -> RunEvent {
        .stepFinished(StepOutcome(stepID: id, status: .succeeded, model: model, imageCount: images, cost: cost))
    }

    static func cached(_ id: String, images: Int = 1) -> RunEvent {
        var outcome = StepOutcome(stepID: id, status: .succeeded, model: model)
        outcome.source = .cache
        outcome.images = (0..<images).map { ImageRecord(sha256: "\(id)-\($0)", format: .png, width: 8, height: 8, hasAlpha: false) }
        return .stepFinished(outcome)
    }

    static func failed(_ id: String, _ reason: String = "HTTP 400: rejected") -> RunEvent {
        .stepFinished(StepOutcome(stepID: id, status: .failed(reason: reason), model: model))
    }

    static func skipped(_ id: String) -> RunEvent {
        .stepFinished(StepOutcome(stepID: id, status: .skipped(reason: "upstream 'a' failed")))
    }
}

extension RunState {
    /// The state after `events`, each at its time.
    static func after(_ events: [(Duration, RunEvent)]) -> RunState {
        var state = RunState(startedAt: .zero)
        for (time, event) in events { state.apply(event, at: time) }
        return state
    }
}

/// Escape codes of any kind: CSI sequences and the bare escape character.
func containsEscape(_ text: String) -> Bool {
    text.unicodeScalars.contains("\u{1B}")
}
