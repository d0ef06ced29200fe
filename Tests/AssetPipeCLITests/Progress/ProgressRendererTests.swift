import Testing
@testable import AssetPipeManifest
@testable import AssetPipeEngine
@testable import AssetPipeCLI

/// The live block and the heartbeat line, as pure functions of the run's state and the time.
@Suite struct ProgressRendererTests {
    private func frame(_ state: RunState = RichState.state, width: Int, maxLines: Int = 10, colour: Bool = false) -> [String] {
        ProgressRenderer.frame(state, now: RichState.now, width: width, maxLines: maxLines).map { $0.rendered(colour: colour) }
    }

    @Test(arguments: [120, 80, 40, 24])
    func noLineOfAFrameIsWiderThanTheTerminalAndTheFiguresThatMatterSurvive(width: Int) {
        let lines = frame(width: width)
        #expect(lines.count == 10)
        for line in lines { #expect(TerminalText.width(line) <= width, "\(line)") }
        if width >= 40 {
            #expect(lines[0].contains("412/2000"))
            #expect(lines[0].contains("ETA 5h17m"))
            #expect(lines[1].hasPrefix("13 running · "))
            #expect(lines[1].contains("2 failed"))
            #expect(lines[3].contains("icon-sword") && lines[3].contains("Retry-After"))
            #expect(lines[9] == "  +9 more")
        }
    }

    @Test func at120ColumnsEveryFigureAndColumnIsSpelledOut() {
        #expect(frame(width: 120) == [
            "████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 412/2000 images · 20% · ETA 5h17m",
            "13 running · 3 waiting on rate limits · 1570 queued · 2 failed · $18.40 spent · 1h05m elapsed",
            "  hero-castle-night             openai:gpt-image-1        50s",
            "  icon-sword                    opper:openai/gpt-image-1  47s · Retry-After, 28s left",
            "  portrait-knight-of-the-east…  openai:gpt-image-1        44s",
            "  map-forest                    opper:openai/gpt-image-1  41s · rate limit, 4s left",
            "  logo-dark                     openai:gpt-image-1        38s · rate limit, 2s left",
            "  banner-summer-sale            opper:openai/gpt-image-1  35s",
            "  tile-water-07                 openai:gpt-image-1        32s · retry 3/4 in 3s",
            "  +9 more",
        ])
    }

    @Test func at80ColumnsTheIdColumnNarrowsAndTheTotalsShorten() {
        let lines = frame(width: 80)
        #expect(lines[1] == "13 running · 3 waiting · 1570 queued · 2 failed · $18.40 · 1h05m")
        #expect(lines[4] == "  portrait-knight-of-the…  openai:gpt-image-1        44s")
    }

    @Test func at40ColumnsTheModelGoesTheNotesShortenAndNothingWraps() {
        #expect(frame(width: 40) == [
            "██░░░░░░░░░░░ 412/2000 · 20% · ETA 5h17m",
            "13 running · 2 failed · $18.40",
            "  hero-castle-ni…  50s",
            "  icon-sword       47s · Retry-After 28s",
            "  portrait-knigh…  44s",
            "  map-forest       41s · rate limit 4s",
            "  logo-dark        38s · rate limit 2s",
            "  banner-summer-…  35s",
            "  tile-water-07    32s · retry 3/4 in 3s",
            "  +9 more",
        ])
    }

    @Test func aShortTerminalGetsFewerRowsAndTheCountOfTheRest() {
        let lines = frame(width: 80, maxLines: 4)
        #expect(lines.count == 4)
        #expect(lines[3] == "  +15 more")
    }

    @Test func withoutColourAFrameHasNoEscapeCodeAndWithColourOnlyTheTextCountsAsWidth() {
        #expect(!frame(width: 80).contains(where: containsEscape))
        let coloured = ProgressRenderer.frame(RichState.state, now: RichState.now, width: 80, maxLines: 10)
        #expect(coloured.contains { containsEscape($0.rendered(colour: true)) })
        #expect(coloured.allSatisfy { $0.width <= 80 })
    }

    @Test func beforeThePlanIsKnownTheBlockCountsWhatIsDoneWithoutABar() {
        let state = RunState.after([(.zero, Events.started("a")), (.seconds(1), Events.cached("b", images: 3))])
        let lines = ProgressRenderer.frame(state, now: .seconds(2), width: 80, maxLines: 10).map { $0.rendered(colour: false) }
        #expect(lines[0] == "3 images done")
        #expect(lines[1] == "1 running · $0.00 spent · 2s elapsed")
        #expect(ProgressRenderer.heartbeat(state, now: .seconds(2)) == "… 3 images, 1 running, 0 waiting on rate limits, $0.00 spent, ETA unknown")
    }

    @Test func theHeartbeatHasTheShapeOfTheIssue() {
        // 206 steps of 2 images settled, 100 of them in the last ten minutes; 720 to go at that
        // pace take 4,320 s. 19 in flight, 3 of them held by a provider's pace.
        var events: [(Duration, RunEvent)] = [(.zero, Events.plan(steps: 1000, images: 2000, generating: 926))]
        for index in 0..<206 {
            let settled: Duration = index < 106 ? .seconds(10 + index) : .seconds(1200 + 6 * (index - 105))
            events += [(.zero, Events.started("s\(index)")),
                       (settled, Events.generated("s\(index)", images: 2, cost: index == 0 ? 18.40 : 0))]
        }
        for index in 0..<19 { events.append((.seconds(1790), Events.started("a\(index)"))) }
        for index in 0..<3 {
            events.append((.seconds(1799), .waitingForRateLimit(stepID: "a\(index)", provider: "openai", delay: .seconds(5))))
        }
        let line = ProgressRenderer.heartbeat(RunState.after(events), now: .seconds(1800))
        #expect(line == "… 412/2000 images, 16 running, 3 waiting on rate limits, $18.40 spent, ETA 1h12m")
        #expect(!containsEscape(line))
    }

    @Test(arguments: [(0.4, "0s"), (12, "12s"), (59.6, "1m00s"), (245, "4m05s"), (3599.6, "1h00m"), (4320, "1h12m"),
                      (360_000, "100h00m"), (-3, "0s")])
    func durationsReadAtAGlanceAreWholeSeconds(seconds: Double, text: String) {
        #expect(Duration.seconds(seconds).compact == text)
    }

    @Test func moneyIsToTheCentFromADollarAndToATenthOfACentBelow() {
        #expect(ProgressRenderer.money(18.4) == "$18.40")
        #expect(ProgressRenderer.money(0.042) == "$0.042")
        #expect(ProgressRenderer.money(0) == "$0.00")
    }
}
