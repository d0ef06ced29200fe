import AssetPipeManifest

extension Console {
    /// Every problem of a manifest that cannot be used, then how many there were (exit 2 follows);
    /// on GitHub Actions each also as an annotation at its line.
    func report(_ error: ManifestError, annotations: GitHubAnnotations?) {
        error.diagnostics.forEach { self.error("error: \($0)") }
        if let annotations { error.diagnostics.forEach { self.error(annotations.error($0)) } }
        let count = error.diagnostics.count
        self.error("\(count) problem\(count == 1 ? "" : "s") found; nothing was generated")
    }
}
