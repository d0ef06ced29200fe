import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeEngine
@testable import AssetPipeReporting

/// How an engine report becomes the document: the run's verdict, statuses with their reasons,
/// inputs as the manifest wrote them, and the fallbacks read from the attempts.
@Suite struct ReportDocumentFromRunTests {
    private let folder = URL(fileURLWithPath: "/tmp/pack")
    private let model = ModelRef(provider: "gw", model: "a")
    private let fallback = ModelRef(provider: "gw", model: "b")

    private func document(_ outcomes: [StepOutcome], steps: [Step], interrupted: Bool = false,
                          budgetExceeded: Bool = false) -> ReportDocument {
        let manifest = Manifest(fileURL: folder.appendingPathComponent("pack.json"), outputDirectory: folder.appendingPathComponent("out"),
                                providers: [:], steps: steps)
        let report = RunReport(outcomes: outcomes, wallTime: .milliseconds(1250), interrupted: interrupted,
                               budgetExceeded: budgetExceeded)
        return ReportDocument(report, manifest: manifest, origin: .init(manifestPath: "pack.json", manifestData: Data("{}".utf8),
                                                                        startedAt: Date(timeIntervalSince1970: 1_796_000_000)))
    }

    @Test func theRunsVerdictNamesWhatStoppedIt() {
        let done = StepOutcome(stepID: "a", status: .succeeded)
        let failed = StepOutcome(stepID: "a", status: .failed(reason: "no"))
        #expect(document([done], steps: []).result == .finished)
        #expect(document([failed], steps: []).result == .failed)
        #expect(document([done], steps: [], budgetExceeded: true).result == .stoppedAtBudget)
        #expect(document([failed], steps: [], interrupted: true).result == .interrupted)
        #expect(document([done], steps: []).startedAt == "2026-11-30T00:53:20Z")
        #expect(document([done], steps: []).seconds == 1.25)
        #expect(document([done], steps: []).manifestSha256 == SHA256.hex(Data("{}".utf8)))
    }

    @Test func inputsAreReportedByRoleAsTheManifestWroteThem() {
        let step = Step(id: "edit", model: model, prompt: "p",
                        images: [.step(id: "base", index: 0), .step(id: "base", index: 2)],
                        mask: .file(path: "/tmp/pack/masks/m.png"),
                        referenceImages: [.url("data:image/png;base64,AAAA"), .file(path: "/elsewhere/r.png")])
        let entry = document([StepOutcome(stepID: "edit", status: .skipped(reason: "upstream 'base' failed"))], steps: [step]).steps[0]
        #expect(entry.status == .skipped && entry.reason == "upstream 'base' failed")
        #expect(entry.inputs == [
            .init(role: "image", step: "base"), .init(role: "image", step: "base", index: 2),
            .init(role: "mask", file: "masks/m.png"),
            .init(role: "reference_image", url: "data:…"), .init(role: "reference_image", file: "/elsewhere/r.png"),
        ])
    }

    @Test func fallbacksAreTheAttemptsThatMovedOn() {
        var outcome = StepOutcome(stepID: "a", status: .succeeded, model: fallback)
        outcome.attempts = [
            AttemptRecord(model: model, attempt: 1, disposition: .retried, duration: .seconds(1), httpStatus: 503, error: "busy"),
            AttemptRecord(model: model, attempt: 2, disposition: .fellBack, duration: .seconds(1), httpStatus: 400, error: "refused"),
            AttemptRecord(model: fallback, attempt: 1, disposition: .succeeded, duration: .seconds(2)),
        ]
        let entry = document([outcome], steps: []).steps[0]
        #expect(entry.requests == 3)
        #expect(entry.fallbacks == [.init(from: "gw:a", to: "gw:b", reason: "refused")])
        #expect(entry.attempts.map(\.disposition) == [.retried, .fellBack, .succeeded])
        #expect(entry.attempts.map(\.httpStatus) == [503, 400, nil])
    }

    @Test func stepsAreListedInTheManifestsOrderWhateverOrderTheyFinishedIn() {
        let steps = ["a", "b", "c"].map { Step(id: $0, model: model, prompt: "p") }
        let finished = ["c", "a", "b"].map { StepOutcome(stepID: $0, status: .succeeded) }
        #expect(document(finished, steps: steps).steps.map(\.id) == ["a", "b", "c"])
    }
}
