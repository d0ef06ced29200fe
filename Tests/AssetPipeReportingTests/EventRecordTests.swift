import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeReporting

/// The `--events` lines: one JSON object per event, `type` and `time` first, the fields the
/// README's tables document, with the types they give.
@Suite struct EventRecordTests {
    private static let time = Date(timeIntervalSince1970: 1_796_168_045.125)
    private static let model = ModelRef(provider: "openai", model: "gpt-image-1")
    private static let fallback = ModelRef(provider: "opper", model: "openai/gpt-image-1")
    private static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// A line of every type.
    private static var lines: [String] {
        var outcome = StepOutcome(stepID: "hero", status: .succeeded, model: model,
                                  attempts: [AttemptRecord(model: model, attempt: 1, disposition: .succeeded, duration: .seconds(2))],
                                  duration: .milliseconds(2500), outputs: [OutputFile(path: "hero.png", written: true),
                                                                           OutputFile(path: "hero.webp", written: false)],
                                  imageCount: 1, cost: 0.042)
        outcome.savedCost = 0
        let failed = StepOutcome(stepID: "logo", status: .failed(reason: "HTTP 400: rejected"), model: fallback)
        let events: [RunEvent] = [
            .runStarted(RunStart(steps: 2, images: 3, stepsToGenerate: 2, estimatedCost: 0.126)),
            .stepStarted(stepID: "hero", model: model),
            .waitingForRateLimit(stepID: "hero", provider: "openai", delay: .milliseconds(1500)),
            .attemptFinished(stepID: "logo", AttemptRecord(model: model, attempt: 1, disposition: .retried, duration: .seconds(1),
                                                           httpStatus: 503, error: "HTTP 503: busy")),
            .retrying(stepID: "logo", model: model, attempt: 2, maxAttempts: 4, delay: .seconds(32),
                      reason: "HTTP 429: Rate limit reached", retryAfter: true),
            .fallingBack(stepID: "logo", from: model, to: fallback, reason: "HTTP 503: busy"),
            .batchProgress(BatchProgress(batchID: "batch_abc", model: model, status: .inProgress, total: 200, completed: 120,
                                         failed: 3, steps: ["hero"])),
            .attemptFinished(stepID: "hero", AttemptRecord(model: model, attempt: 1, disposition: .pending, duration: .seconds(4),
                                                           batchID: "batch_abc")),
            .stepFinished(outcome), .stepFinished(failed),
        ]
        let manifest = Manifest(fileURL: URL(fileURLWithPath: "/tmp/pack/pack.json"), outputDirectory: URL(fileURLWithPath: "/tmp/pack/out"),
                                providers: [:], steps: [])
        let document = ReportDocument(RunReport(outcomes: [outcome, failed], wallTime: .seconds(3), interrupted: false),
                                      manifest: manifest, origin: .init(manifestPath: "pack.json", manifestData: Data(), startedAt: time))
        return events.map { EventRecord($0).line(at: time) } + [EventRecord(finished: document).line(at: time)]
    }

    private static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func everyLineIsOneJSONObjectThatStartsWithItsTypeAndTimeToTheMillisecond() throws {
        let lines = Self.lines
        #expect(Set(lines.map { try? Self.object($0)["type"] as? String }) == Set(EventType.allCases.map(\.rawValue)))
        for line in lines {
            #expect(!line.contains("\n"))
            #expect(line.hasPrefix(#"{"type":""#))
            #expect(try Self.object(line)["time"] as? String == "2026-12-01T23:34:05.125Z")
        }
    }

    @Test func aStepsLineSaysHowItEndedWithTheReportsNames() throws {
        let finished = try Self.lines.filter { $0.contains(#""type":"step_finished""#) }.map(Self.object)
        #expect(finished.map { $0["status"] as? String } == ["generated", "failed"])
        #expect(finished[0]["outputs"] as? [String] == ["hero.png"], "the files this run wrote")
        #expect(finished[0]["cost"] as? Double == 0.042)
        #expect(finished[1]["reason"] as? String == "HTTP 400: rejected")
        #expect(finished[1]["cost"] == nil, "absent, not null")
        let run = try Self.object(try #require(Self.lines.last))
        #expect(run["result"] as? String == "failed")
        #expect(run["generated"] as? Int == 1 && run["failed"] as? Int == 1 && run["images"] as? Int == 0)
    }

    @Test func everyFieldHasTheTypeTheREADMEGivesIt() throws {
        let documented = try Self.documentedFieldTypes()
        #expect(Set(documented.keys) == Set(EventField.allCases.map(\.rawValue)), "every field is documented, and only those")
        for line in Self.lines {
            guard case let .object(members) = try JSONValue(parsing: line) else {
                Issue.record("not an object: \(line)")
                continue
            }
            for (field, value) in members {
                #expect(Self.matches(value, documented[field]), "\(field) in \(line)")
            }
        }
    }

    @Test func theREADMEListsEveryTypeAndItsExampleLineIsTheRealThing() throws {
        let section = try Self.eventsSection()
        for type in EventType.allCases { #expect(section.contains("| `\(type.rawValue)` |"), "\(type.rawValue)") }
        let example = try #require(Self.lines.first { $0.contains(#""type":"retrying""#) })
        #expect(section.contains("\n" + example + "\n"))
    }

    /// The README's section on the events file.
    private static func eventsSection() throws -> String {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "### Events file"))
        let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        return String(text[start.lowerBound..<end])
    }

    /// The fields table: each field (a row may name several) and its JSON type.
    private static func documentedFieldTypes() throws -> [String: String] {
        var types: [String: String] = [:]
        for row in try eventsSection().split(separator: "\n") where row.hasPrefix("| `") {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3, ["string", "integer", "number", "boolean", "array of strings"].contains(cells[1]) else { continue }
            for name in cells[0].split(separator: ",") { types[name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"])] = cells[1] }
        }
        return types
    }

    /// Whether `value` is of the README's `type`: an integer is a number without a fraction.
    private static func matches(_ value: JSONValue, _ type: String?) -> Bool {
        switch (value, type) {
        case (.string, "string"), (.bool, "boolean"), (.number, "number"): true
        case let (.number(number), "integer"): number == number.rounded()
        case let (.array(items), "array of strings"): items.allSatisfy { $0.stringValue != nil }
        default: false
        }
    }
}
