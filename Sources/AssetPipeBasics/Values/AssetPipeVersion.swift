/// The release, as `--version`, the run report and the gallery show it.
public enum AssetPipeVersion {
    public static let current = "0.1.0"
}
