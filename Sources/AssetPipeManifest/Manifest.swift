import Foundation
import AssetPipeBasics

/// A validated manifest: everything `run`, `plan` and `validate` need, with defaults applied,
/// paths resolved and references checked. Produced only by `ManifestLoader`.
public struct Manifest: Sendable {
    /// The manifest file, for messages and for locating the lockfile and cache beside it.
    public var fileURL: URL
    /// Absolute folder that output paths are relative to.
    public var outputDirectory: URL
    /// Every provider a step may use, `local` included even when not declared.
    public var providers: [String: ProviderConfig]
    /// Steps in manifest order.
    public var steps: [Step]
    /// Budget in USD for one run (`max_cost`), if any.
    public var maxCost: Double?
    /// Price per image by model ref (`"openai:gpt-image-1"`) and quality.
    public var prices: [String: [String: Double]]
    /// Where each step is written in the manifest (`steps[3]`; a matrix step's expansions share
    /// it), for messages that point at the text, such as CI annotations.
    public var stepSources: [String: JSONPath]

    public init(fileURL: URL, outputDirectory: URL, providers: [String: ProviderConfig], steps: [Step],
                maxCost: Double? = nil, prices: [String: [String: Double]] = [:], stepSources: [String: JSONPath] = [:]) {
        self.fileURL = fileURL
        self.outputDirectory = outputDirectory
        self.providers = providers
        self.steps = steps
        self.maxCost = maxCost
        self.prices = prices
        self.stepSources = stepSources
    }

    /// The folder that relative paths in the manifest are resolved against.
    public var baseDirectory: URL { fileURL.deletingLastPathComponent() }

    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

    /// The entry of provider `name`; the built-in `local` exists even where a manifest built in
    /// code does not list it.
    public func provider(named name: String) -> ProviderConfig? {
        providers[name] ?? (name == ProviderConfig.local.name ? .local : nil)
    }
}
