import Foundation
import AssetPipeEngine

/// The `--report FILE.json` document: the whole run as CI artifacts, dashboards, the gallery
/// and the JUnit file read it. Field names are the JSON's (snake_case) and stable: new fields may
/// be added, existing ones keep their meaning. README: "The run report" documents each one.
public struct ReportDocument: Codable, Sendable, Equatable {
    /// Bumped only when a field changes meaning or goes away.
    public static let currentVersion = 1
    public var reportVersion = currentVersion
    public var assetpipeVersion: String
    /// The manifest as the user named it, and the SHA-256 of its bytes.
    public var manifest: String
    public var manifestSha256: String
    /// Absolute: outputs' `path`s are relative to it.
    public var outputDir: String
    /// ISO 8601, UTC.
    public var startedAt: String
    public var seconds: Double
    public var result: RunResult
    public var totals: Totals
    /// Set when the lockfile could not be written: outputs are in the cache, but the next run
    /// cannot tell which are current.
    public var lockfileError: String?
    /// In the manifest's order (a matrix step's expansions in combination order).
    public var steps: [StepEntry]

    /// How the run ended.
    public enum RunResult: String, Codable, Sendable {
        case finished
        case failed
        case interrupted
        case stoppedAtBudget = "stopped_at_budget"
    }

    /// How a step ended.
    public enum StepStatus: String, Codable, Sendable, CaseIterable {
        case generated
        /// Up to date: nothing requested, nothing written.
        case cached
        /// Cached images, outputs written again (an output setting changed or a file was deleted).
        case outputsRerendered = "outputs_rerendered"
        case failed
        /// Never started: an upstream failed, the budget ran out, `--fail-fast`, an interrupt.
        case skipped
        /// Started, then stopped by an interrupt.
        case interrupted

        /// The step has its images.
        public var succeeded: Bool { self == .generated || self == .cached || self == .outputsRerendered }
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var steps: Int
        public var generated: Int
        public var cached: Int
        public var outputsRerendered: Int
        public var failed: Int
        public var skipped: Int
        public var interrupted: Int
        /// Requests sent, retries and fallbacks included.
        public var requests: Int
        /// Images the steps that succeeded hold, generated or cached.
        public var images: Int
        public var filesWritten: Int
        public var bytesWritten: Int
        /// USD this run paid.
        public var spent: Double
        /// USD the cache saved: what reused images cost when they were made.
        public var savedByCache: Double
        /// USD the Batch API's discount saved; absent when no step went through a batch.
        public var savedByBatch: Double?
        /// USD the steps that did not run would cost.
        public var estimatedRemaining: Double
    }

    public struct StepEntry: Codable, Sendable, Equatable {
        public var id: String
        public var status: StepStatus
        /// Why a step failed or was skipped.
        public var reason: String?
        public var prompt: String
        /// `generate` (an edit when it has image inputs) or `variation`.
        public var operation: String
        /// The model that produced the images, or the last one tried.
        public var model: String?
        /// The size asked for (`1024x1024`), when the step sets one.
        public var size: String?
        public var inputs: [InputEntry]
        public var requests: Int
        public var seconds: Double
        public var cost: Double?
        public var savedCost: Double?
        /// The synchronous price less what the step cost, when its images came in a batch.
        public var savedByBatch: Double?
        public var attempts: [AttemptEntry]
        public var fallbacks: [FallbackEntry]
        public var outputs: [OutputEntry]
        public var images: [ImageEntry]
        public var notes: [String]
        public var revisedPrompts: [String]
    }

    /// An edit input: another step's image (`step`, and `index` past its first), a file (`file`,
    /// relative to the manifest's folder when inside it) or a URL (`data:` URLs shortened).
    public struct InputEntry: Codable, Sendable, Equatable {
        /// `image`, `mask` or `reference_image`.
        public var role: String
        public var step: String?
        public var index: Int?
        public var file: String?
        public var url: String?
    }

    public struct AttemptEntry: Codable, Sendable, Equatable {
        public var provider: String
        public var model: String
        /// 1 for the first request to this model.
        public var attempt: Int
        public var disposition: AttemptRecord.Disposition
        public var seconds: Double
        public var httpStatus: Int?
        public var error: String?
        /// The batch that carried the request, for one sent as a batch line. (`Id`, not `ID`:
        /// the snake-case key strategy reads `batch_id` back as `batchId`.)
        public var batchId: String?
    }

    public struct FallbackEntry: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var reason: String
    }

    public struct OutputEntry: Codable, Sendable, Equatable {
        /// Relative to `output_dir`.
        public var path: String
        public var format: String
        /// Written by this run (false: already up to date on disk).
        public var written: Bool
        public var width: Int?
        public var height: Int?
        public var bytes: Int?
        public var sha256: String?
    }

    /// An image as the provider delivered it, before outputs were rendered from it.
    public struct ImageEntry: Codable, Sendable, Equatable {
        public var sha256: String
        public var format: String
        public var width: Int
        public var height: Int
        public var fileId: String?
        public var url: String?
    }
}

extension ReportDocument {
    /// The encoding every writer and reader of the report shares.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    public func encoded() throws -> Data {
        var data = try Self.encoder().encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    public static func decode(_ data: Data) throws -> ReportDocument {
        try decoder().decode(ReportDocument.self, from: data)
    }
}
