import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeCache
import AssetPipeEngine

extension ReportDocument {
    /// Where a report's run came from: what the engine's report does not know.
    public struct Origin: Sendable {
        /// As the user named it.
        public var manifestPath: String
        /// The bytes the run read.
        public var manifestData: Data
        public var startedAt: Date

        public init(manifestPath: String, manifestData: Data, startedAt: Date) {
            self.manifestPath = manifestPath
            self.manifestData = manifestData
            self.startedAt = startedAt
        }
    }

    /// The document for a finished run of `manifest`.
    public init(_ report: RunReport, manifest: Manifest, origin: Origin) {
        let steps = Dictionary(manifest.steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The manifest's order, not the order steps happened to finish in: two reports of one
        // manifest line up, and the gallery reads like the manifest.
        let position = Dictionary(manifest.steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let outcomes = report.outcomes.enumerated().sorted { lhs, rhs in
            (position[lhs.element.stepID] ?? Int.max, lhs.offset) < (position[rhs.element.stepID] ?? Int.max, rhs.offset)
        }.map(\.element)
        self.init(assetpipeVersion: AssetPipeVersion.current, manifest: origin.manifestPath,
                  manifestSha256: SHA256.hex(origin.manifestData), outputDir: manifest.outputDirectory.path,
                  startedAt: Self.timestamp(origin.startedAt), seconds: report.wallTime.seconds, result: Self.result(of: report),
                  totals: Totals(report), lockfileError: report.lockfileError,
                  steps: outcomes.map { StepEntry($0, step: steps[$0.stepID], manifest: manifest) })
    }

    static func result(of report: RunReport) -> RunResult {
        if report.interrupted { return .interrupted }
        if report.budgetExceeded { return .stoppedAtBudget }
        return report.failed + report.cancelled > 0 || report.lockfileError != nil ? .failed : .finished
    }

    /// ISO 8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }
}

extension ReportDocument.Totals {
    init(_ report: RunReport) {
        let succeeded = report.outcomes.filter { $0.status == .succeeded }
        self.init(steps: report.outcomes.count, generated: succeeded.count { $0.source == .generated },
                  cached: succeeded.count { $0.source == .cache }, outputsRerendered: succeeded.count { $0.source == .rerendered },
                  failed: report.failed, skipped: report.skipped, interrupted: report.cancelled, requests: report.requests,
                  images: succeeded.reduce(0) { $0 + $1.images.count }, filesWritten: report.filesWritten,
                  bytesWritten: report.outcomes.reduce(0) { sum, outcome in
                      sum + outcome.outputs.filter(\.written).reduce(0) { $0 + ($1.bytes ?? 0) }
                  },
                  spent: report.cost, savedByCache: report.savedCost,
                  savedByBatch: report.outcomes.contains { $0.savedByBatch != nil } ? report.savedByBatch : nil,
                  estimatedRemaining: report.estimatedRemaining)
    }
}

extension ReportDocument.StepEntry {
    init(_ outcome: StepOutcome, step: Step?, manifest: Manifest) {
        let (status, reason) = Self.status(of: outcome)
        self.init(id: outcome.stepID, status: status, reason: reason, prompt: step?.prompt ?? "",
                  operation: step?.operation.rawValue ?? "generate", model: outcome.model?.description,
                  size: step?.parameters[.size]?.text, inputs: step.map { Self.inputs(of: $0, manifest: manifest) } ?? [],
                  requests: outcome.requests, seconds: outcome.duration.seconds, cost: outcome.cost, savedCost: outcome.savedCost,
                  savedByBatch: outcome.savedByBatch,
                  attempts: outcome.attempts.map(ReportDocument.AttemptEntry.init),
                  fallbacks: outcome.fallbacks.map { .init(from: $0.from.description, to: $0.to.description, reason: $0.reason) },
                  outputs: outcome.outputs.map { file in
                      ReportDocument.OutputEntry(file, format: step?.outputTargets.first { $0.path == file.path }?.spec.format.rawValue)
                  },
                  images: outcome.images.map(ReportDocument.ImageEntry.init), notes: outcome.notes,
                  revisedPrompts: outcome.revisedPrompts)
    }

    static func status(of outcome: StepOutcome) -> (status: ReportDocument.StepStatus, reason: String?) {
        switch outcome.status {
        case .succeeded:
            switch outcome.source {
            case .generated: (.generated, nil)
            case .cache: (.cached, nil)
            case .rerendered: (.outputsRerendered, nil)
            }
        case let .failed(reason): (.failed, reason)
        case let .skipped(reason): (.skipped, reason)
        case .cancelled: (.interrupted, nil)
        }
    }

    static func inputs(of step: Step, manifest: Manifest) -> [ReportDocument.InputEntry] {
        let roles = step.inputs.images.map { ("image", $0) } + (step.inputs.mask.map { [("mask", $0)] } ?? [])
            + step.inputs.referenceImages.map { ("reference_image", $0) }
        return roles.map { role, input in
            switch input {
            case let .step(id, index): .init(role: role, step: id, index: index == 0 ? nil : index)
            case let .file(path): .init(role: role, file: Self.relative(path, to: manifest.baseDirectory))
            case .url: .init(role: role, url: input.description)
            }
        }
    }

    /// `path` relative to `folder` when it lies inside it, as the manifest most likely wrote it.
    private static func relative(_ path: String, to folder: URL) -> String {
        let base = folder.standardizedFileURL.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

extension ReportDocument.AttemptEntry {
    init(_ record: AttemptRecord) {
        self.init(provider: record.provider, model: record.model.description, attempt: record.attempt,
                  disposition: record.disposition, seconds: record.duration.seconds, httpStatus: record.httpStatus,
                  error: record.error, batchId: record.batchID)
    }
}

extension ReportDocument.OutputEntry {
    init(_ file: OutputFile, format: String?) {
        self.init(path: file.path, format: format ?? "", written: file.written, width: file.width, height: file.height,
                  bytes: file.bytes, sha256: file.sha256)
    }
}

extension ReportDocument.ImageEntry {
    init(_ record: ImageRecord) {
        self.init(sha256: record.sha256, format: record.format.rawValue, width: record.width, height: record.height,
                  fileId: record.fileID, url: record.url)
    }
}
