import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A re-run with nothing changed is a no-op: no request, no file touched, and `plan` agrees.
@Suite struct IncrementalNoChangeTests {
    @Test func aSecondRunMakesNoRequestAndLeavesEveryOutputAndTheLockfileUntouched() async throws {
        let pack = try Pack(.standard)
        let first = await pack.run()
        #expect(first.code == 0, "\(first.errorText)")
        #expect(first.requests == ["base", "mid", "other", "top"])
        let outputs = try pack.outputFiles()
        #expect(outputs.keys.sorted() == ["base.png", "mid.jpg", "other.png", "thumbs/base.webp", "top.png"])
        let lockfile = try FileState(pack.lockfileURL)

        let second = await pack.run()
        #expect(second.code == 0, "\(second.errorText)")
        #expect(second.requests.isEmpty)
        #expect(second.progress.cached == PackManifest.standard.stepIDs)
        #expect(second.progress.generated.isEmpty && second.progress.rerendered.isEmpty)
        #expect(second.summary.hasPrefix("finished: 4 done (4 from cache), 0 failed, 0 skipped · 0 files written · 0 requests"),
                "\(second.summary)")
        #expect(try pack.outputFiles() == outputs, "bytes, mtimes and inodes of every output are unchanged")
        #expect(try FileState(pack.lockfileURL) == lockfile, "the lockfile is neither changed nor rewritten")

        let plan = await pack.command("plan")
        #expect(plan.planLabels == ["base": "cached", "mid": "cached", "top": "cached", "other": "cached"])
        #expect(plan.output.last == "4 steps: 4 cached, 0 outputs only, 0 to generate · 0 paid requests")
        let check = await pack.command("plan", ["--check"])
        #expect(check.code == 0)
        #expect(check.requests.isEmpty)
        #expect(try pack.outputFiles() == outputs)
    }
}
