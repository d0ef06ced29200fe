import Foundation

/// `--junit FILE.xml`: the run as the test reports GitHub Actions, GitLab and Jenkins display —
/// one `testcase` per step (classname the manifest, name the step id), a `failure` with the
/// provider's message for each failed step, `skipped` for steps held back (an upstream failure,
/// the budget, `--fail-fast`), and an `error` for steps an interrupt stopped mid-way.
///
/// It follows the schema Jenkins' xUnit plugin validates against (junit-10.xsd), the common
/// denominator of the three: `testsuites` > `testsuite` > `testcase` > `failure` | `error` |
/// `skipped` | `system-out`.
public enum JUnitReport {
    public static func render(_ report: ReportDocument) -> String {
        let counts = Counts(report)
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        lines.append("<testsuites name=\"assetpipe\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" "
                     + "errors=\"\(counts.errors)\" time=\"\(seconds(report.seconds))\">")
        lines.append("  <testsuite name=\"\(XMLText.attribute(report.manifest))\" tests=\"\(counts.tests)\" "
                     + "failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" "
                     + "time=\"\(seconds(report.seconds))\" timestamp=\"\(XMLText.attribute(report.startedAt))\">")
        for step in report.steps {
            lines += testcase(step, classname: report.manifest).map { "    " + $0 }
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func testcase(_ step: ReportDocument.StepEntry, classname: String) -> [String] {
        let open = "<testcase classname=\"\(XMLText.attribute(classname))\" name=\"\(XMLText.attribute(step.id))\" "
            + "time=\"\(seconds(step.seconds))\">"
        let reason = step.reason ?? ""
        var body: [String] = []
        switch step.status {
        case .failed:
            body.append("  <failure type=\"failed\" message=\"\(XMLText.attribute(reason))\">"
                        + XMLText.content(failureDetails(step)) + "</failure>")
        case .skipped:
            body.append("  <skipped message=\"\(XMLText.attribute(reason))\"/>")
        case .interrupted:
            body.append("  <error type=\"interrupted\" message=\"the run was interrupted while this step was in flight\"/>")
        case .generated, .cached, .outputsRerendered:
            break
        }
        body.append("  <system-out>" + XMLText.content(summary(step)) + "</system-out>")
        return [open] + body + ["</testcase>"]
    }

    /// What a reader needs to act on a failure: every attempt and how it ended.
    private static func failureDetails(_ step: ReportDocument.StepEntry) -> String {
        var lines = [step.reason ?? "failed"]
        for attempt in step.attempts {
            let status = attempt.httpStatus.map { " HTTP \($0)" } ?? ""
            lines.append("attempt \(attempt.attempt) on \(attempt.model):\(status) \(attempt.disposition.rawValue)"
                         + (attempt.error.map { ": \($0)" } ?? ""))
        }
        lines += step.notes
        return lines.joined(separator: "\n")
    }

    private static func summary(_ step: ReportDocument.StepEntry) -> String {
        var parts = [step.status.rawValue]
        if let model = step.model { parts.append("model \(model)") }
        parts.append("\(step.requests) request\(step.requests == 1 ? "" : "s")")
        if let cost = step.cost, cost > 0 { parts.append(String(format: "$%.4f", cost)) }
        let outputs = step.outputs.map(\.path)
        if !outputs.isEmpty { parts.append("outputs: " + outputs.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }

    /// Seconds with millisecond precision, the form every reader parses.
    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    private struct Counts {
        var tests: Int
        var failures: Int
        var errors: Int
        var skipped: Int

        init(_ report: ReportDocument) {
            tests = report.steps.count
            failures = report.steps.count { $0.status == .failed }
            errors = report.steps.count { $0.status == .interrupted }
            skipped = report.steps.count { $0.status == .skipped }
        }
    }
}
