import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// `run --report FILE`: what CI keeps of a run.
@Suite struct RunReportJSONTests {
    @Test func describesEveryStepWithItsModelCostNotesAndImageHandles() throws {
        var generated = StepOutcome(stepID: "hero", status: .succeeded, model: ModelRef(provider: "opper", model: "openai/gpt-image-1"),
                                    attempts: 2, duration: .milliseconds(1500), outputs: ["hero.png"], imageCount: 1, cost: 0.04,
                                    notes: ["openai:gpt-image-1 failed after 1 attempt: HTTP 400: rejected"])
        generated.images = [ImageRecord(sha256: String(repeating: "a", count: 64), format: .png, width: 1024, height: 1024,
                                        hasAlpha: false, provider: "opper", fileID: "file_123", url: "https://cdn.example/1.png")]
        generated.revisedPrompts = ["a heroic knight, dramatic light"]
        let report = RunReport(outcomes: [generated, StepOutcome(stepID: "hero-night", status: .skipped(reason: "upstream 'x' failed"))],
                               wallTime: .seconds(2), interrupted: false)
        let json = try JSONValue(parsing: Data(RunReportJSON.render(report).utf8))
        #expect(json["requests"] == .number(2))
        #expect(json["spent"] == .number(0.04))
        guard case let .array(steps)? = json["steps"], steps.count == 2 else {
            Issue.record("two steps expected")
            return
        }
        #expect(steps[0]["status"] == .string("generated"))
        #expect(steps[0]["model"] == .string("opper:openai/gpt-image-1"))
        #expect(steps[0]["notes"] == .array([.string("openai:gpt-image-1 failed after 1 attempt: HTTP 400: rejected")]))
        #expect(steps[0]["revised_prompts"] == .array([.string("a heroic knight, dramatic light")]))
        guard case let .array(images)? = steps[0]["images"] else {
            Issue.record("images expected")
            return
        }
        #expect(images.first?["file_id"] == .string("file_123"))
        #expect(images.first?["url"] == .string("https://cdn.example/1.png"))
        #expect(steps[1]["status"] == .string("skipped"))
        #expect(steps[1]["reason"] == .string("upstream 'x' failed"))
    }
}
