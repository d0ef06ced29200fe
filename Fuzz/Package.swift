// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for assetpipe's parsers of untrusted bytes. A package of its own, depending
// on the main one by path, so `swift build` and `swift test` at the root never see a fuzz target
// (each defines `LLVMFuzzerTestOneInput` and gets its `main` from libFuzzer). Built and run only by
// `make fuzz`, with `--sanitize=fuzzer --sanitize=address` and `-enable-testing`, so a harness can
// `@testable import` the internal readers the providers use (README.md in this folder).
let package = Package(
    name: "assetpipe-fuzz",
    dependencies: [.package(name: "assetpipe", path: "..")],
    targets: [
        // JSONParser.parse and JSONValue(parsing:): every manifest, lockfile and answer goes through it.
        .executableTarget(name: "FuzzJSONParser", dependencies: [.product(name: "AssetPipe", package: "assetpipe")]),
        // ManifestLoader.loadCheckingCapabilities, then the step graph and an offline plan.
        .executableTarget(name: "FuzzManifest", dependencies: [.product(name: "AssetPipe", package: "assetpipe")]),
        // The readers of an image endpoint's answer body: images payload, task objects, errors, batches.
        .executableTarget(name: "FuzzProviderAnswers", dependencies: [.product(name: "AssetPipe", package: "assetpipe")]),
        // ImageCodec header reads and decodes through the C shim, with the dimension limits.
        .executableTarget(name: "FuzzImageDecode", dependencies: [.product(name: "AssetPipe", package: "assetpipe")]),
    ],
    swiftLanguageModes: [.v6]
)
