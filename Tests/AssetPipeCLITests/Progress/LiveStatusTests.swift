import Testing
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// The live block on a terminal, driven by a manual clock and ticks: throttled, redrawn only
/// when it changed, under the lines that stay in the scrollback, and gone before the summary.
@Suite struct LiveStatusTests {
    private let harness = DisplayHarness()
    private var terminal: TerminalRecorder { harness.written }
    private var ticks: ManualTicks { harness.ticks }

    private func display(colour: Bool = false) -> ProgressDisplay {
        harness.display(LiveScreen(colour: colour, measure: terminal.terminal.size))
    }

    /// The three rows of a block erased one by one, from its last line, and the cursor back at
    /// its start.
    private let erasedThreeRows = "\r\u{1B}[2A\u{1B}[2K\n\u{1B}[2K\n\u{1B}[2K\r\u{1B}[2A"

    @Test func theBlockIsRedrawnAtMostTenTimesASecondHoweverOftenItChanges() {
        let display = display()
        display.record(Events.plan(steps: 1000))
        for step in 1...100 {
            display.record(Events.cached("c\(step)"))
            harness.tick(at: .milliseconds(10 * step))
        }
        #expect(terminal.writes.count == 10)
    }

    @Test func anUnchangedBlockIsNotRedrawn() {
        let display = display()
        display.record(Events.plan(steps: 10))
        display.record(Events.started("hero"))
        harness.tick(at: .seconds(10))
        harness.tick(at: .seconds(10.2))
        harness.tick(at: .seconds(10.4))
        #expect(terminal.writes.count == 1)
        harness.tick(at: .seconds(11))
        #expect(terminal.writes.count == 2, "the step's elapsed time moved on")
    }

    @Test func whenOnlySomeLinesChangeOnlyThoseAreRewrittenInPlace() {
        let display = display()
        display.record(Events.plan(steps: 10))
        display.record(Events.started("hero"))
        harness.tick(at: .seconds(1))
        display.record(Events.cached("icon"))
        harness.tick(at: .seconds(1.2))
        let redraw = terminal.writes[1]
        #expect(redraw.hasPrefix("\r\u{1B}[2A"), "from the last line of three back to the first")
        #expect(redraw.contains("1/10 images"))
        #expect(!redraw.contains("hero"), "the step's row did not change")
        #expect(!redraw.contains("\u{1B}[2K"), "nothing is erased wholesale")
    }

    @Test func printedLinesGoAboveTheBlockWhichIsDrawnAgainBelowThem() throws {
        let display = display()
        display.record(Events.plan(steps: 10))
        display.record(Events.started("hero"))
        harness.tick(at: .seconds(1))
        display.print("  ✓ icon  openai:gpt-image-1  2.10s  → out/icon.png")
        display.record(Events.generated("icon"))
        harness.tick(at: .seconds(2))
        let redraw = terminal.writes[1]
        let erase = try #require(redraw.range(of: erasedThreeRows))
        let line = try #require(redraw.range(of: "  ✓ icon  openai:gpt-image-1  2.10s  → out/icon.png\n"))
        let bar = try #require(redraw.range(of: "1/10 images"))
        #expect(erase.upperBound <= line.lowerBound && line.upperBound <= bar.lowerBound)
    }

    @Test func aNarrowedTerminalIsRedrawnWholeFromWhereItsRewrappedLinesBegin() throws {
        let display = display()
        display.record(Events.plan(steps: 2000))
        for index in 0..<5 { display.record(Events.started("s\(index)")) }
        harness.tick(at: .seconds(1))
        let first = terminal.writes[0]
        #expect(first.hasPrefix("\u{1B}[?25l"), "the cursor is hidden while the block is up")
        terminal.resize(columns: 40)
        harness.tick(at: .seconds(1.5))
        let redraw = terminal.writes[1]
        // Drawn for 80 columns, the bar (79 columns) and the totals (51) now take two rows each,
        // the five step rows one each: nine rows, eight up from the last.
        #expect(redraw.hasPrefix("\r\u{1B}[8A\u{1B}[2K"), "\(redraw.debugDescription)")
        #expect(redraw.components(separatedBy: "\u{1B}[2K").count == 10, "nine rows erased")
        let block = try #require(redraw.components(separatedBy: "\r\u{1B}[8A").last)
        for line in block.components(separatedBy: "\n") { #expect(TerminalText.width(line) <= 39, "\(line)") }
    }

    @Test func closingRemovesTheBlockShowsTheCursorAndLetsTheSummaryThroughAtOnce() {
        let display = display()
        display.record(Events.plan(steps: 10))
        display.record(Events.started("hero"))
        harness.tick(at: .seconds(1))
        display.print("  ✓ hero  openai:gpt-image-1  1.00s  → out/hero.png")
        display.close()
        #expect(ticks.stopped)
        #expect(terminal.writes.last == erasedThreeRows + "  ✓ hero  openai:gpt-image-1  1.00s  → out/hero.png\n\u{1B}[?25h")
        display.print("finished: 1 done")
        #expect(terminal.writes.last == "finished: 1 done\n")
    }

    @Test func aProcessQuittingWithoutClosingShowsTheCursorAgain() {
        let display = display()
        display.record(Events.started("hero"))
        harness.tick(at: .seconds(1))
        display.restoreTerminal()
        #expect(terminal.writes.last?.hasSuffix("\u{1B}[?25h") == true)
    }

    @Test func withoutColourTheBlockWritesCursorMovesAndNoColourCode() {
        let display = display(colour: false)
        display.record(Events.plan(steps: 10))
        display.record(Events.started("hero"))
        harness.tick(at: .seconds(1))
        display.record(Events.failed("hero"))
        harness.tick(at: .seconds(2))
        display.close()
        #expect(!terminal.text.contains("m\u{1B}") && !terminal.text.contains("\u{1B}[0m"))
        #expect(terminal.text.range(of: #"\u{1B}\[[0-9;]*m"#, options: .regularExpression) == nil)
    }
}
