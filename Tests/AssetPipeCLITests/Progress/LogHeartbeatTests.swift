import Testing
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// The plain log of a CI job: the lines as they come, and a heartbeat after 30 s of silence.
@Suite struct LogHeartbeatTests {
    private let harness = DisplayHarness()
    private var written: TerminalRecorder { harness.written }

    private func display(heartbeat: Bool = true) -> ProgressDisplay {
        harness.display(LogScreen(heartbeat: heartbeat))
    }

    @Test func noHeartbeatBeforeThirtySecondsOfSilenceThenOneEveryThirty() {
        let display = display()
        display.record(Events.plan(steps: 2000))
        withExtendedLifetime(display) {
            for second in 1...29 { harness.tick(at: .seconds(second)) }
            #expect(written.writes.isEmpty)
            for second in 30...75 { harness.tick(at: .seconds(second)) }
        }
        #expect(written.writes == [
            "… 0/2000 images, 0 running, 0 waiting on rate limits, $0.00 spent, ETA unknown\n",
            "… 0/2000 images, 0 running, 0 waiting on rate limits, $0.00 spent, ETA unknown\n",
        ], "at 30 s and 60 s")
    }

    @Test func anyOtherLineStartsTheSilenceAgain() {
        let display = display()
        display.record(Events.plan(steps: 2000))
        var beats: [Int] = []
        for second in 1...120 {
            if second == 45 { display.print("  ✓ hero  openai:gpt-image-1  3.00s  → out/hero.png") }
            let before = written.writes.count
            harness.tick(at: .seconds(second))
            if written.writes.count > before, written.writes.last?.hasPrefix("…") == true { beats.append(second) }
        }
        #expect(beats == [30, 75, 105], "the line at 45 s puts off the one due at 60 s")
    }

    @Test func linesAreWrittenInOrderOnTheNextTickAndCarryNoEscapeCode() {
        let display = display()
        display.print("  … hero  openai:gpt-image-1  started")
        display.print("  ↻ hero  openai:gpt-image-1  HTTP 503: busy\u{1B}[2J; attempt 2/4 in 1.31s")
        #expect(written.writes.isEmpty)
        harness.tick(at: .seconds(1))
        #expect(written.writes == ["  … hero  openai:gpt-image-1  started\n  ↻ hero  openai:gpt-image-1  HTTP 503: busy [2J; attempt 2/4 in 1.31s\n"])
        for second in 2...100 { harness.tick(at: .seconds(second)) }
        display.close()
        #expect(!containsEscape(written.text))
    }

    @Test func withTheHeartbeatOffOnlyTheLinesAreWritten() {
        let display = display(heartbeat: false)
        withExtendedLifetime(display) {
            for second in 1...300 { harness.tick(at: .seconds(second)) }
        }
        display.print("finished: 0 done")
        display.close()
        #expect(written.writes == ["finished: 0 done\n"])
    }
}
