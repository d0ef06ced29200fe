import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

/// Groups every provider test under one name, so `swift test --filter Providers` runs them all.
@Suite enum Providers {}
