import Foundation
import Testing
@testable import AssetPipeManifest
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// `assetpipe schema`: prints the manifest JSON Schema that `manifests/manifest.schema.json` keeps
/// a copy of, reads no manifest, and needs no file beside the binary.
@Suite struct SchemaCommandTests {
    static let keptCopy = Repository.root.appendingPathComponent("manifests/manifest.schema.json")

    @Test func printsExactlyTheSchemaTheRepositoryKeeps() async throws {
        let result = await CLIHarness().run(["schema"])
        #expect(result.code == AssetPipeCLI.ExitCode.success)
        #expect(result.errors.isEmpty)
        // The console ends every line it writes with a newline.
        let printed = Data(result.output.map { $0 + "\n" }.joined().utf8)
        #expect(printed == (try Data(contentsOf: Self.keptCopy)), "manifests/manifest.schema.json is stale: run `make schema`")
    }

    @Test func aCopiedBinaryStillPrintsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assetpipe-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let binary = folder.appendingPathComponent("assetpipe"), printed = folder.appendingPathComponent("schema.json")
        try FileManager.default.copyItem(at: ChildProcess.executable, to: binary)
        try Data().write(to: printed)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["schema"]
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: printed)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == AssetPipeCLI.ExitCode.success)
        #expect(try Data(contentsOf: printed) == Data((ManifestSchema.text + "\n").utf8))
    }

    @Test func takesNoManifestNorOptions() throws {
        #expect(try ArgumentParser.parse(["schema"]).action == .schema)
        #expect(try ArgumentParser.parse(["schema", "--help"]).action == .help(.schema))
        #expect(throws: UsageError(message: "unexpected argument 'pack.json': schema takes no arguments; usage: assetpipe schema > manifest.schema.json")) {
            try ArgumentParser.parse(["schema", "pack.json"])
        }
        #expect(throws: UsageError(message: "unknown command 'shema'; did you mean \"schema\"?; see 'assetpipe --help'")) {
            try ArgumentParser.parse(["shema"])
        }
    }

    @Test func helpSaysHowEditorsUseIt() async {
        for arguments in [["help", "schema"], ["schema", "--help"]] {
            let help = await CLIHarness().run(arguments)
            #expect(help.code == AssetPipeCLI.ExitCode.success)
            #expect(help.output.joined(separator: "\n").contains("assetpipe schema > manifest.schema.json"), "\(arguments)")
        }
        let overview = await CLIHarness().run(["--help"])
        #expect(overview.output.joined(separator: "\n").contains("  schema     print the manifest JSON Schema"))
    }
}
