import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeEngine

/// One line of the `--events` file: an object whose first fields are `type` and `time` (ISO
/// 8601, UTC, milliseconds), then those of its type, absent ones left out (README: "Watching a
/// run"). Everything in it comes from the run's events and its report, whose provider messages
/// carry no key; no header or environment variable is added. Step statuses and the run's result
/// have the report's names.
package struct EventRecord: Sendable {
    package var type: EventType
    package var fields: [(EventField, JSONValue)]

    /// The line, without its newline.
    package func line(at time: Date) -> String {
        let members = [(EventField.type, JSONValue.string(type.rawValue)), (.time, .string(time.formatted(Self.timeStyle)))] + fields
        return JSONValue.object(members.map { (key: $0.0.rawValue, value: $0.1) }).serialized()
    }

    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private init(_ type: EventType, _ fields: [(EventField, JSONValue?)]) {
        self.type = type
        self.fields = fields.compactMap { field, value in value.map { (field, $0) } }
    }

    package init(_ event: RunEvent) {
        switch event {
        case let .runStarted(start):
            self.init(.runStarted, [(.steps, .integer(start.steps)), (.images, .integer(start.images)),
                                    (.stepsToGenerate, .integer(start.stepsToGenerate)), (.estimatedCost, .number(start.estimatedCost))])
        case let .stepStarted(step, model):
            self.init(.stepStarted, [(.step, .string(step))] + Self.fields(of: model))
        case let .attemptFinished(step, record):
            self.init(.attempt, [(.step, .string(step))] + Self.fields(of: record.model) + [
                (.attempt, .integer(record.attempt)), (.status, .string(record.disposition.rawValue)),
                (.seconds, .number(record.duration.seconds)), (.httpStatus, record.httpStatus.map(JSONValue.integer)),
                (.reason, record.error.map(JSONValue.string)), (.batchID, record.batchID.map(JSONValue.string)),
            ])
        case let .waitingForRateLimit(step, provider, delay):
            self.init(.waiting, [(.step, .string(step)), (.provider, .string(provider)), (.waitSeconds, .number(delay.seconds)),
                                 (.reason, .string("rate_limit"))])
        case let .retrying(step, model, attempt, maxAttempts, delay, reason, retryAfter):
            self.init(.retrying, [(.step, .string(step))] + Self.fields(of: model) + [
                (.attempt, .integer(attempt)), (.maxAttempts, .integer(maxAttempts)), (.waitSeconds, .number(delay.seconds)),
                (.retryAfter, .bool(retryAfter)), (.reason, .string(reason)),
            ])
        case let .fallingBack(step, from, to, reason):
            self.init(.fellBack, [(.step, .string(step)), (.from, .string(from.description)), (.to, .string(to.description)),
                                  (.reason, .string(reason))])
        case let .batchProgress(batch):
            self.init(.batch, [(.batchID, .string(batch.batchID))] + Self.fields(of: batch.model) + [
                (.status, .string(batch.status.rawValue)), (.total, .integer(batch.total)), (.completed, .integer(batch.completed)),
                (.failed, .integer(batch.failed)),
            ])
        case let .stepFinished(outcome):
            self.init(outcome)
        }
    }

    private init(_ outcome: StepOutcome) {
        let (status, reason) = ReportDocument.StepEntry.status(of: outcome)
        self.init(.stepFinished, [
            (.step, .string(outcome.stepID)), (.status, .string(status.rawValue)),
            (.model, outcome.model.map { .string($0.description) }), (.provider, outcome.model.map { .string($0.provider) }),
            (.requests, .integer(outcome.requests)), (.seconds, .number(outcome.duration.seconds)),
            (.images, .integer(outcome.imagesHeld)),
            (.outputs, .array(outcome.outputs.filter(\.written).map { .string($0.path) })),
            (.cost, outcome.cost.map(JSONValue.number)), (.savedCost, outcome.savedCost.map(JSONValue.number)),
            (.reason, reason.map(JSONValue.string)),
        ])
    }

    /// The last line: the run's result and totals, as its report gives them.
    package init(finished document: ReportDocument) {
        let totals = document.totals
        self.init(.runFinished, [
            (.result, .string(document.result.rawValue)), (.steps, .integer(totals.steps)), (.generated, .integer(totals.generated)),
            (.cached, .integer(totals.cached)), (.outputsRerendered, .integer(totals.outputsRerendered)),
            (.failed, .integer(totals.failed)), (.skipped, .integer(totals.skipped)), (.interrupted, .integer(totals.interrupted)),
            (.requests, .integer(totals.requests)), (.images, .integer(totals.images)), (.filesWritten, .integer(totals.filesWritten)),
            (.spent, .number(totals.spent)), (.savedByCache, .number(totals.savedByCache)),
            (.savedByBatch, totals.savedByBatch.map(JSONValue.number)), (.seconds, .number(document.seconds)),
        ])
    }

    private static func fields(of model: ModelRef) -> [(EventField, JSONValue?)] {
        [(.model, .string(model.description)), (.provider, .string(model.provider))]
    }
}

extension JSONValue {
    /// A whole number (a count, an HTTP status) as a JSON number.
    static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }
}
