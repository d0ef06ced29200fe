import AssetPipeManifest

extension Console {
    /// Every problem of a manifest that cannot be used, then how many there were (exit 2 follows).
    func report(_ error: ManifestError) {
        error.diagnostics.forEach { self.error("error: \($0)") }
        let count = error.diagnostics.count
        self.error("\(count) problem\(count == 1 ? "" : "s") found; nothing was generated")
    }
}
