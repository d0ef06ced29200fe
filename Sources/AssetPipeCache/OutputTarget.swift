import AssetPipeManifest
/// One file a step writes: which of its images, where, and with which settings.
public struct OutputTarget: Sendable, Hashable {
    public var index: Int
    public var spec: OutputSpec
    /// Relative to the output folder, `{index}` expanded.
    public var path: String
    /// The settings in words, as the lockfile records them.
    public var settings: String { LockedOutput.settings(for: spec) }
}

extension Step {
    /// Every file the step writes, image by image.
    public var outputTargets: [OutputTarget] {
        (0..<parameters.n).flatMap { index in
            outputs.map { OutputTarget(index: index, spec: $0, path: $0.path(forIndex: index)) }
        }
    }
}
