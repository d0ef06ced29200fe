import Foundation
import Testing
@testable import AssetPipeManifest
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// On GitHub Actions: manifest problems and failed steps as annotations at their line, escaped
/// the way the runner unescapes them, and the run's table in the job summary.
@Suite struct GitHubActionsTests {
    private let github = ["GITHUB_ACTIONS": "true"]

    @Test func onlyOnGitHubActions() {
        #expect(GitHubAnnotations(environment: [:]) == nil)
        #expect(GitHubAnnotations(environment: ["GITHUB_ACTIONS": "false"]) == nil)
        #expect(GitHubAnnotations(environment: github) != nil)
    }

    @Test func escapesMessagesAndPropertiesAsTheRunnerReadsThem() throws {
        let annotations = try #require(GitHubAnnotations(environment: ["GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": "/w/repo"]))
        let line = annotations.failedStep("hero", reason: "HTTP 400: 100% refused\nsee: docs, again", file: "/w/repo/packs/a,b:c.json",
                                          at: (14, 9))
        #expect(line == "::error file=packs/a%2Cb%3Ac.json,line=14,col=9,title=assetpipe%3A step hero failed::HTTP 400: 100%25 refused%0Asee: docs, again")
        let diagnostic = ManifestDiagnostic(file: "pack.json", path: "steps[3].quality", message: "expected low, medium or high", line: 7,
                                            column: 22)
        #expect(annotations.error(diagnostic)
                == "::error file=pack.json,line=7,col=22,title=assetpipe%3A invalid manifest::steps[3].quality: expected low, medium or high")
    }

    @Test func everyManifestProblemIsAnnotatedAtItsLine() async throws {
        let manifest = try CLIHarness.writeManifest("""
        {"version": 1, "defaults": {"model": "local:studio"},
         "steps": [
           {"id": "a", "prompt": "x", "n": 11}
         ]}
        """)
        let result = await CLIHarness(environment: github).run(["validate", manifest.path])
        #expect(result.code == AssetPipeCLI.ExitCode.invalidInput)
        let annotation = try #require(result.errors.first { $0.hasPrefix("::error ") })
        #expect(annotation.hasSuffix(",line=3,col=36,title=assetpipe%3A invalid manifest::steps[0].n: expected an integer from 1 to 10, found 11"))
        #expect(result.output.allSatisfy { !$0.hasPrefix("::") }, "stdout stays the command's own")
        #expect(await CLIHarness().run(["validate", manifest.path]).errors.allSatisfy { !$0.hasPrefix("::") })
    }

    @Test func aFailedStepIsAnnotatedAtTheStepAndTheJobSummaryListsFailuresFirst() async throws {
        let manifest = try CLIHarness.writeManifest("""
        { "version": 1, "defaults": { "model": "local:studio", "size": "32x32" },
          "steps": [
            { "id": "small", "prompt": "a", "outputs": [ { "path": "small.png" } ] },
            { "id": "mask", "prompt": "m", "size": "16x16", "background": "transparent" },
            { "id": "edit", "prompt": "e", "image": "@small", "mask": "@mask", "outputs": [ { "path": "edit.png" } ] }
          ] }
        """)
        let summary = manifest.deletingLastPathComponent().appendingPathComponent("summary.md")
        try Data("an earlier step's summary\n".utf8).write(to: summary)
        var environment = github
        environment["GITHUB_STEP_SUMMARY"] = summary.path
        let result = await CLIHarness(environment: environment).run(["run", manifest.path])
        #expect(result.code == AssetPipeCLI.ExitCode.stepFailed)
        let annotations = result.errors.filter { $0.hasPrefix("::error ") }
        #expect(annotations.count == 1)
        #expect(annotations.first?.contains(",line=5,col=5,title=assetpipe%3A step edit failed::") == true)

        let text = try String(contentsOf: summary, encoding: .utf8)
        #expect(text.hasPrefix("an earlier step's summary\n### assetpipe: \(manifest.path) — failed\n"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let ids = rows.map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) }
        #expect(ids.first == "`edit`" && Set(ids.dropFirst()) == ["`small`", "`mask`"])
        #expect(rows.first?.contains("❌ failed") == true && rows.first?.contains("mask is 16x16 but the image is 32x32") == true)
    }
}
