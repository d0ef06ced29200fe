import AssetPipeEngine
/// A parsed command line.
public struct Invocation: Sendable, Equatable {
    public enum Command: String, Sendable, CaseIterable {
        case run, validate, plan, clean, models, gallery, batches
    }

    public enum Action: Sendable, Equatable {
        case execute(Command)
        case help(HelpTopic?)
        case version
        /// Print the manifest's JSON Schema; reads no manifest.
        case schema
    }

    /// What `help TOPIC` explains: a command that reads a manifest, or `schema`, which reads none.
    public enum HelpTopic: Sendable, Equatable {
        case command(Command)
        case schema
    }

    public var action: Action
    public var manifestPath: String?
    /// `models MANIFEST PROVIDER`: ask only this provider.
    public var providerName: String?
    public var outputDirectory: String?
    public var jobs: Int?
    public var only: [String]?
    public var failFast = false
    public var cacheDirectory: String?
    /// `--force` (everything) or `--force ID[,ID]`.
    public var force: RunCaching.Force = .none
    public var maxCost: Double?
    /// `plan --json`, `models --json`.
    public var json = false
    /// `plan --check`: exit 1 when anything would change.
    public var check = false
    /// The run report: written by `run --report FILE`, read by `gallery REPORT`.
    public var reportPath: String?
    /// `run --junit FILE`.
    public var junitPath: String?
    /// `run --gallery DIR`, `gallery REPORT DIR`: where the gallery goes.
    public var galleryDirectory: String?
    /// `run --events FILE` (`-`: stdout).
    public var eventsPath: String?
    /// `run --no-progress`: no live status, no heartbeat.
    public var noProgress = false
    /// `run --batch[=roots]`, `plan --batch`: which generations go through OpenAI's Batch API;
    /// also `run --no-wait`, `--batch-retry=sync`.
    public var batch = BatchOptions()
    /// `batches --cancel`.
    public var cancel = false
    /// `clean --dry-run`.
    public var dryRun = false
    public var verbosity: Verbosity = .normal

    public enum Verbosity: Sendable, Equatable {
        /// Failures and nothing else.
        case quiet
        /// A line per finished step, retries, fallbacks and the summary.
        case normal
        /// Also when each step starts.
        case verbose
    }

    public init(action: Action) {
        self.action = action
    }
}

/// A command line that cannot be carried out; exit code 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
