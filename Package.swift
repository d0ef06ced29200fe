// swift-tools-version:6.0
import PackageDescription

// assetpipe uses no Swift package dependencies: Foundation, Dispatch, Swift concurrency and
// Debian's libpng / libjpeg-turbo / libwebp, reached through the CImageCodecs shim.
let package = Package(
    name: "assetpipe",
    products: [
        .library(name: "AssetPipe", targets: ["AssetPipe"]),
        .executable(name: "assetpipe", targets: ["assetpipe"]),
    ],
    targets: [
        .target(
            name: "CImageCodecs",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png"), .linkedLibrary("jpeg"), .linkedLibrary("webp")]
        ),
        .target(name: "AssetPipe", dependencies: ["CImageCodecs"]),
        .executableTarget(name: "assetpipe", dependencies: ["AssetPipe"]),
        .target(
            name: "CCodecBaseline",
            path: "Benchmarks/CCodecBaseline",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("png"), .linkedLibrary("jpeg"), .linkedLibrary("webp")]
        ),
        .executableTarget(
            name: "AssetPipeBenchmarks",
            dependencies: ["AssetPipe", "CCodecBaseline", "ProviderEmulator"],
            path: "Benchmarks/AssetPipeBenchmarks"
        ),
        // A loopback HTTP server speaking the providers' wire formats, with fault injection: used by
        // the tests and the scheduler benchmark, never shipped.
        .target(name: "ProviderEmulator", dependencies: ["AssetPipe"], path: "Tests/ProviderEmulator"),
        .testTarget(name: "AssetPipeTests", dependencies: ["AssetPipe", "ProviderEmulator"],
                    // The reference pages' examples, read by the contract specs from the source tree.
                    exclude: ["Contracts/ReferencePages"]),
    ],
    swiftLanguageModes: [.v6]
)
