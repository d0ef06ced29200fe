import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

@Suite struct ArgumentParserTests {
    @Test func parsesARunWithEveryOptionInAnyOrder() throws {
        let invocation = try ArgumentParser.parse(["run", "--jobs", "4", "pack.json", "--only=a,b", "--only", "c",
                                                   "--fail-fast", "--output-dir", "dist", "--verbose"])
        #expect(invocation.action == .execute(.run))
        #expect(invocation.manifestPath == "pack.json")
        #expect(invocation.jobs == 4)
        #expect(invocation.only == ["a", "b", "c"])
        #expect(invocation.failFast)
        #expect(invocation.outputDirectory == "dist")
        #expect(invocation.verbosity == .verbose)
    }

    @Test func helpAndVersionNeedNoManifest() throws {
        #expect(try ArgumentParser.parse([]).action == .help(nil))
        #expect(try ArgumentParser.parse(["--help"]).action == .help(nil))
        #expect(try ArgumentParser.parse(["help", "plan"]).action == .help(.command(.plan)))
        #expect(try ArgumentParser.parse(["run", "--help"]).action == .help(.command(.run)))
        #expect(try ArgumentParser.parse(["--version"]).action == .version)
    }

    @Test(arguments: [
        (["launch", "pack.json"], "unknown command 'launch'"),
        (["run"], "missing manifest: usage: assetpipe run MANIFEST"),
        (["run", "a.json", "b.json"], "unexpected argument 'b.json': run takes one manifest"),
        (["run", "pack.json", "--jobs", "0"], "--jobs needs a positive integer, found '0'"),
        (["run", "pack.json", "--jobs"], "--jobs needs a value"),
        (["validate", "pack.json", "--jobs", "3"], "unknown option '--jobs' for 'validate'"),
        (["run", "pack.json", "--fail-fast=yes"], "--fail-fast takes no value"),
        (["run", "pack.json", "--only", ","], "--only needs one or more step ids, separated by commas"),
    ])
    func rejectsMistakesWithAMessageThatSaysWhatToDo(arguments: [String], message: String) {
        #expect {
            try ArgumentParser.parse(arguments)
        } throws: { error in
            (error as? UsageError)?.message.hasPrefix(message) == true
        }
    }
}
