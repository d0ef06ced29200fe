import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct CacheLocationTests {
    private let manifest = URL(fileURLWithPath: "/packs/game/pack.json")

    @Test func defaultsToAFolderBesideTheManifest() {
        #expect(CacheLocation.directory(manifest: manifest, override: nil, environment: [:]).path
            == "/packs/game/.assetpipe/cache")
    }

    @Test func theEnvironmentOverridesTheDefault() {
        let environment = ["ASSETPIPE_CACHE_DIR": "/ci/cache"]
        #expect(CacheLocation.directory(manifest: manifest, override: nil, environment: environment).path == "/ci/cache")
        #expect(CacheLocation.directory(manifest: manifest, override: nil, environment: ["ASSETPIPE_CACHE_DIR": ""]).path
            == "/packs/game/.assetpipe/cache")
    }

    @Test func theFlagOverridesTheEnvironment() {
        let environment = ["ASSETPIPE_CACHE_DIR": "/ci/cache"]
        #expect(CacheLocation.directory(manifest: manifest, override: "/flag/cache", environment: environment).path
            == "/flag/cache")
    }

    @Test func aRelativeOverrideIsRelativeToTheCurrentDirectory() {
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("build/cache").standardizedFileURL.path
        #expect(CacheLocation.directory(manifest: manifest, override: "build/cache", environment: [:]).path == expected)
    }
}
