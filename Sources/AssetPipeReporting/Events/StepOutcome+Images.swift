import AssetPipeEngine

extension StepOutcome {
    /// Images a successful step holds, generated now or served from the cache (a cached step
    /// carries its records, a generated one its count too); none when it did not succeed.
    package var imagesHeld: Int {
        status == .succeeded ? max(imageCount, images.count) : 0
    }
}
