import Foundation
import Testing
import Synchronization
@testable import AssetPipeBasics
@testable import AssetPipeEngine
@testable import AssetPipeReporting
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// `assetpipe run` as it is watched: the events file against the report, the plain log of a
/// CI job, and a terminal's live status.
@Suite struct WatchingARunTests {
    private let cli = CLIHarness()

    /// Four steps on the offline provider: one fails (its mask does not fit), one is skipped.
    private func manifest() throws -> URL {
        try CLIHarness.writeManifest("""
        { "version": 1, "providers": { "local": { "api": "local", "latency_ms": 20 } },
          "defaults": { "model": "local:studio", "size": "32x32" },
          "steps": [
            { "id": "small", "prompt": "a", "outputs": [ { "path": "small.png" } ] },
            { "id": "mask", "prompt": "m", "size": "16x16", "background": "transparent" },
            { "id": "edit", "prompt": "e", "image": "@small", "mask": "@mask", "outputs": [ { "path": "edit.png" } ] },
            { "id": "after", "prompt": "f", "image": "@edit", "outputs": [ { "path": "after.png" } ] }
          ] }
        """)
    }

    private func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func theEventsOnStdoutTellTheSameRunAsTheReport() async throws {
        let pack = try manifest()
        let reportURL = pack.deletingLastPathComponent().appendingPathComponent("report.json")
        let result = await cli.run(["run", pack.path, "--events", "-", "--report", reportURL.path])
        #expect(result.code == AssetPipeCLI.ExitCode.stepFailed)
        let events = try objects(result.output)
        let report = try ReportDocument.decode(try Data(contentsOf: reportURL))
        #expect(events.first?["type"] as? String == "run_started")
        #expect(events.first?["steps"] as? Int == 4)
        #expect(events.last?["type"] as? String == "run_finished")
        #expect(events.last?["result"] as? String == report.result.rawValue)
        #expect(events.last?["requests"] as? Int == report.totals.requests)
        let finished = events.filter { $0["type"] as? String == "step_finished" }
        // The events in the order the steps finished, the report in the manifest's.
        #expect(finished.map { "\($0["step"] ?? "") \($0["status"] ?? "")" }.sorted()
                == report.steps.map { "\($0.id) \($0.status.rawValue)" }.sorted())
        #expect(events.count { $0["type"] as? String == "attempt" } == report.totals.requests)
        for step in ["small", "mask", "edit"] {
            let started = events.firstIndex { $0["type"] as? String == "step_started" && $0["step"] as? String == step }
            let ended = events.firstIndex { $0["type"] as? String == "step_finished" && $0["step"] as? String == step }
            #expect(started.flatMap { started in ended.map { started < $0 } } == true, "\(step) starts before it finishes")
        }
    }

    @Test func theEventsFileHoldsTheSameLinesAndStdoutStaysEmpty() async throws {
        let pack = try manifest()
        let events = pack.deletingLastPathComponent().appendingPathComponent("events.ndjson")
        let result = await cli.run(["run", pack.path, "--events", events.path])
        #expect(result.output.isEmpty)
        let lines = try String(contentsOf: events, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(try objects(lines).map { $0["type"] as? String }.last == "run_finished")
    }

    @Test func theOptionsBelongToRunAndTheEventsNeedAPlaceToGo() throws {
        let parsed = try ArgumentParser.parse(["run", "pack.json", "--events", "-", "--no-progress"])
        #expect(parsed.eventsPath == "-" && parsed.noProgress)
        #expect(throws: UsageError(message: "--events needs a value")) { try ArgumentParser.parse(["run", "pack.json", "--events"]) }
        #expect(throws: UsageError(message: "--no-progress takes no value")) {
            try ArgumentParser.parse(["run", "pack.json", "--no-progress=yes"])
        }
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["plan", "pack.json", "--events", "x"]) }
    }

    @Test func anEventsFileThatCannotBeCreatedStopsTheRunBeforeItStarts() async throws {
        let pack = try manifest()
        let result = await cli.run(["run", pack.path, "--events", "/no/such/folder/events.ndjson"])
        #expect(result.code == AssetPipeCLI.ExitCode.invalidInput)
        #expect(result.errors == ["error: --events: cannot create /no/such/folder/events.ndjson"])
        #expect(!FileManager.default.fileExists(atPath: pack.deletingLastPathComponent().appendingPathComponent("out").path))
    }

    @Test func aLogSaysWhenEachStepStartsWithoutAnEscapeCodeAndNoProgressKeepsToTheStepLines() async throws {
        let logged = await cli.run(["run", try manifest().path])
        #expect(logged.errors.contains("  … small  local:studio  started"))
        #expect(!logged.errors.contains(where: containsEscape))
        let plain = await cli.run(["run", try manifest().path, "--no-progress"])
        #expect(!plain.errors.contains { $0.hasSuffix(" started") })
        #expect(plain.errors.contains { $0.hasPrefix("  ✓ small  local:studio") })
    }

    /// The run on a fake terminal: what the terminal received, and the lines the console got.
    private func runOnTerminal(_ environment: [String: String]) async throws -> (terminal: String, console: [String]) {
        let terminal = TerminalRecorder(columns: 60, rows: 20)
        let console = Mutex<[String]>([])
        let cli = AssetPipeCLI(console: Console(terminal: terminal.terminal) { _, line in console.withLock { $0.append(line) } },
                               environment: environment, currentDirectory: CLIHarness.repositoryRoot)
        _ = await cli.main(["run", try manifest().path])
        return (terminal.text, console.withLock { $0 })
    }

    @Test func onATerminalTheLiveBlockIsGoneAndTheCursorBackBeforeTheSummary() async throws {
        let (terminal, console) = try await runOnTerminal(["TERM": "xterm-256color"])
        #expect(console.isEmpty, "everything went to the terminal")
        #expect(terminal.hasPrefix("\u{1B}[?25l"))
        #expect(terminal.contains("  ✓ small  local:studio"))
        let shown = try #require(terminal.range(of: "\u{1B}[?25h", options: .backwards))
        let summary = try #require(terminal.range(of: "failed: 2 done, 1 failed, 1 skipped"))
        #expect(shown.upperBound <= summary.lowerBound)
        #expect(terminal.hasSuffix("\n") && !terminal[summary.upperBound...].contains("\u{1B}"))
    }

    @Test func noColorDropsTheColoursAndTermDumbTheLiveBlock() async throws {
        let (uncoloured, _) = try await runOnTerminal(["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(uncoloured.range(of: #"\u{1B}\[[0-9;]*m"#, options: .regularExpression) == nil)
        #expect(uncoloured.contains("\u{1B}[?25l"))
        let (dumb, console) = try await runOnTerminal(["TERM": "dumb"])
        #expect(dumb.isEmpty)
        #expect(console.contains("  … small  local:studio  started"))
    }
}
