import Testing
@testable import AssetPipeReporting

/// The job summary of a big run stays readable and under GitHub's size cap: failures on top,
/// at most `maximumRows` rows, cells that cannot break the table.
@Suite struct StepSummaryTests {
    @Test func aBigRunShowsItsFailuresFirstAndStopsAtTheRowCap() {
        var report = ReportDocumentTests.sample
        let template = report.steps[0]
        report.steps = (0..<2_000).map { index in
            var step = template
            step.id = "icon-\(index)"
            if index == 1_500 {
                step.status = .failed
                step.reason = "HTTP 400: a | b\nsecond line"
            }
            return step
        }
        let lines = StepSummary.render(report).split(separator: "\n", omittingEmptySubsequences: false)
        let rows = lines.filter { $0.hasPrefix("| `") }
        #expect(rows.count == StepSummary.maximumRows)
        #expect(rows.first == "| `icon-1500` | ❌ failed | `opper:gpt-image-1` | 1.2 s | $0.04 | HTTP 400: a \\| b second line |")
        #expect(lines.contains("… and 1700 more steps: see the run report (`--report`)."))
    }
}
