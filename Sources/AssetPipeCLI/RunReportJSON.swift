import AssetPipeBasics
import AssetPipeCache
import AssetPipeEngine
/// `assetpipe run --report FILE`: the run as JSON, for CI artifacts and dashboards — every
/// step's status, the model that produced it and why earlier models were passed over, requests,
/// cost, and the provider's handles (`file_id`, `url`) for each image.
public enum RunReportJSON {
    public static func render(_ report: RunReport) -> String {
        let steps: [JSONValue] = report.outcomes.map { outcome in
            var members: [(key: String, value: JSONValue)] = [("id", .string(outcome.stepID))]
            switch outcome.status {
            case .succeeded:
                let source = switch outcome.source {
                case .generated: "generated"
                case .cache: "cached"
                case .rerendered: "outputs_rerendered"
                }
                members.append(("status", .string(source)))
            case let .failed(reason):
                members += [("status", .string("failed")), ("reason", .string(reason))]
            case let .skipped(reason):
                members += [("status", .string("skipped")), ("reason", .string(reason))]
            case .cancelled:
                members.append(("status", .string("interrupted")))
            }
            if let model = outcome.model { members.append(("model", .string(model.description))) }
            members += [
                ("requests", .number(Double(outcome.attempts))),
                ("seconds", .number(outcome.duration.seconds)),
                ("outputs", .array(outcome.outputs.map(JSONValue.string))),
                ("images", .array(outcome.images.map(image))),
            ]
            if let cost = outcome.cost { members.append(("cost", .number(cost))) }
            if let saved = outcome.savedCost { members.append(("saved_cost", .number(saved))) }
            if !outcome.notes.isEmpty { members.append(("notes", .array(outcome.notes.map(JSONValue.string)))) }
            if !outcome.revisedPrompts.isEmpty {
                members.append(("revised_prompts", .array(outcome.revisedPrompts.map(JSONValue.string))))
            }
            return .object(members)
        }
        let document: JSONValue = .object([
            ("succeeded", .number(Double(report.succeeded))), ("failed", .number(Double(report.failed))),
            ("skipped", .number(Double(report.skipped))), ("interrupted", .bool(report.interrupted)),
            ("budget_exceeded", .bool(report.budgetExceeded)), ("requests", .number(Double(report.requests))),
            ("files_written", .number(Double(report.filesWritten))), ("spent", .number(report.cost)),
            ("saved_by_cache", .number(report.savedCost)), ("estimated_remaining", .number(report.estimatedRemaining)),
            ("seconds", .number(report.wallTime.seconds)), ("steps", .array(steps)),
        ])
        return document.serialized(sortedKeys: false, pretty: true) + "\n"
    }

    private static func image(_ record: ImageRecord) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("sha256", .string(record.sha256)), ("format", .string(record.format.rawValue)),
            ("width", .number(Double(record.width))), ("height", .number(Double(record.height))),
        ]
        if let fileID = record.fileID { members.append(("file_id", .string(fileID))) }
        if let url = record.url { members.append(("url", .string(url))) }
        return .object(members)
    }
}

extension Duration {
    /// Seconds as a floating-point number, to the millisecond.
    var seconds: Double {
        ((Double(components.seconds) + Double(components.attoseconds) / 1e18) * 1000).rounded() / 1000
    }
}
