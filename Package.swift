// swift-tools-version:6.0
import PackageDescription

// assetpipe uses no Swift package dependencies: Foundation, Dispatch, Swift concurrency and
// Debian's libpng / libjpeg-turbo / libwebp, reached through the CImageCodecs shim.
//
// The engine is layered; each layer is a target and depends only on the layers below it, so the
// compiler keeps the architecture, and .ci/check-layers holds every import to this file
// (README: Development):
//
//                                                                   ┌→ AssetPipeProviders ─┐    ┌→ AssetPipeManifest ─┐
// assetpipe → AssetPipeCLI → AssetPipeReporting → AssetPipeEngine ─┤                      ├────┤                     ├→ AssetPipeBasics
//                                                                   └→ AssetPipeCache ─────┘    └→ AssetPipeImaging ──┘
//                                                                                                     └→ CImageCodecs
let package = Package(
    name: "assetpipe",
    products: [
        .library(name: "AssetPipe", targets: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders",
                                              "AssetPipeCache", "AssetPipeEngine", "AssetPipeReporting", "AssetPipeCLI"]),
        .executable(name: "assetpipe", targets: ["assetpipe"]),
    ],
    targets: [
        .target(
            name: "CImageCodecs",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png"), .linkedLibrary("jpeg"), .linkedLibrary("webp")]
        ),
        // JSON, hashing, clocks, atomic files, the blocking-work executor, plain values.
        .target(name: "AssetPipeBasics"),
        // The manifest model, its decoding and diagnostics, generation parameters, the step graph.
        .target(name: "AssetPipeManifest", dependencies: ["AssetPipeBasics"]),
        // Decode, encode, resize, matte (over the C shim).
        .target(name: "AssetPipeImaging", dependencies: ["AssetPipeBasics", "CImageCodecs"]),
        // The provider protocol, HTTP, OpenAI-compatible, Opper, local, model capabilities, pacing.
        .target(name: "AssetPipeProviders", dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging"]),
        // Cache keys, the content store, generation records, the lockfile.
        .target(name: "AssetPipeCache", dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging"]),
        // Planning (freshness, verdicts) and execution (schedule, attempts, budget, outputs).
        .target(name: "AssetPipeEngine", dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging",
                                                        "AssetPipeProviders", "AssetPipeCache"]),
        // What a run leaves for people and tools to read: the JSON report, JUnit, the HTML gallery.
        .target(name: "AssetPipeReporting", dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging",
                                                           "AssetPipeCache", "AssetPipeEngine"]),
        // Arguments, commands, console, progress.
        .target(name: "AssetPipeCLI", dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders",
                                                     "AssetPipeCache", "AssetPipeEngine", "AssetPipeReporting"]),
        .executableTarget(name: "assetpipe", dependencies: ["AssetPipeCLI"]),
        .target(
            name: "CCodecBaseline",
            path: "Benchmarks/CCodecBaseline",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png"), .linkedLibrary("jpeg"), .linkedLibrary("webp")]
        ),
        .executableTarget(
            name: "AssetPipeBenchmarks",
            dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders", "AssetPipeCache",
                           "AssetPipeEngine", "AssetPipeReporting", "AssetPipeCLI", "CCodecBaseline", "ProviderEmulator"],
            path: "Benchmarks/AssetPipeBenchmarks"
        ),
        // A loopback HTTP server speaking the providers' wire formats, with fault injection: used by
        // the tests and the scheduler benchmark, never shipped.
        .target(name: "ProviderEmulator", dependencies: ["AssetPipeBasics"], path: "Tests/ProviderEmulator"),
        // Specs, one target per module and mirroring it, plus the end-to-end and incremental
        // suites and the emulator's own; helpers they share live in AssetPipeTestSupport.
        .target(name: "AssetPipeTestSupport", dependencies: [
            "AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders", "AssetPipeCache",
            "AssetPipeEngine", "AssetPipeReporting", "AssetPipeCLI",
        ], path: "Tests/AssetPipeTestSupport"),
        .testTarget(name: "AssetPipeBasicsTests", dependencies: ["AssetPipeBasics", "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeManifestTests", dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeImagingTests", dependencies: ["AssetPipeBasics", "AssetPipeImaging", "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeProvidersTests",
                    dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders",
                                   "AssetPipeTestSupport", "ProviderEmulator"]),
        .testTarget(name: "AssetPipeCacheTests",
                    dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeCache",
                                   "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeEngineTests",
                    dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders",
                                   "AssetPipeCache", "AssetPipeEngine", "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeReportingTests",
                    dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeCache",
                                   "AssetPipeEngine", "AssetPipeReporting", "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeCLITests",
                    dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders",
                                   "AssetPipeCache", "AssetPipeEngine", "AssetPipeReporting", "AssetPipeCLI",
                                   "AssetPipeTestSupport"]),
        .testTarget(name: "AssetPipeIntegrationTests",
                    dependencies: ["AssetPipeBasics", "AssetPipeManifest", "AssetPipeImaging", "AssetPipeProviders",
                                   "AssetPipeCache", "AssetPipeEngine", "AssetPipeReporting", "AssetPipeCLI",
                                   "AssetPipeTestSupport", "ProviderEmulator"]),
        .testTarget(name: "ProviderEmulatorTests",
                    dependencies: ["AssetPipeBasics", "ProviderEmulator", "AssetPipeTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
