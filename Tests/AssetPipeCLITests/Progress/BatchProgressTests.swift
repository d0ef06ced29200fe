import Testing
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// Batches in the live status: a line each while they run, with their status and how many of
/// their lines are answered; gone once they end.
@Suite struct BatchProgressTests {
    private static let model = ModelRef(provider: "openai", model: "gpt-image-1")

    private static func batch(_ id: String, _ status: BatchObject.Status, done: Int, of total: Int) -> RunEvent {
        .batchProgress(BatchProgress(batchID: id, model: model, status: status, total: total, completed: done, failed: 0,
                                     steps: ["a"]))
    }

    @Test func eachOpenBatchHasALineAboveTheStepsUntilItEnds() {
        let running = RunState.after([
            (.zero, Events.plan(steps: 80, images: 80)),
            (.seconds(1), Self.batch("batch_b", .inProgress, done: 12, of: 40)),
            (.seconds(1), Self.batch("batch_a", .validating, done: 0, of: 40)),
        ])
        let frame = ProgressRenderer.frame(running, now: .seconds(2), width: 80, maxLines: 10).map { $0.rendered(colour: false) }
        #expect(frame[2] == "  batch_a  openai:gpt-image-1  validating 0/40")
        #expect(frame[3] == "  batch_b  openai:gpt-image-1  in_progress 12/40")

        var ended = running
        ended.apply(Self.batch("batch_b", .completed, done: 40, of: 40), at: .seconds(3))
        #expect(Array(ended.batches.keys) == ["batch_a"])
    }
}
