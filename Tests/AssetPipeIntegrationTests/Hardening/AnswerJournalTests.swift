import Foundation
import Testing
import Synchronization
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeReporting
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A received answer is durable before it is read: a run killed while answers are being decoded
/// and stored is followed by one that reads them again from the cache instead of paying again.
@Suite(.serialized) struct AnswerJournalTests {
    /// The key `plan --json` gives each step.
    private func keys(_ pack: BatchPack) async throws -> [String: String] {
        let plan = await pack.command("plan", ["--json"])
        guard case let .array(steps)? = try JSONValue(parsing: plan.output.joined(separator: "\n"))["steps"] else { return [:] }
        return Dictionary(uniqueKeysWithValues: steps.compactMap { step in
            step["id"]?.stringValue.flatMap { id in step["key"]?.stringValue.map { (id, $0) } }
        })
    }

    @Test func anAnswerInTheJournalIsReadAgainNotAskedForAgain() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 2)
        let key = try #require(try await keys(pack)["g0"])
        // What the emulator would have answered for g0, filed as an interrupted run leaves it.
        let png = EndToEnd.imageBytes(prompt: "asset \(EndToEnd.marker("g0"))", sequence: 0, index: 0)
        let body = Data(#"{"created":1,"data":[{"b64_json":"\#(png.base64EncodedString())"}]}"#.utf8)
        try GenerationCache(directory: pack.cacheFolder).recordAnswer(
            RecordedAnswerFile(header: .init(model: BatchPack.model, status: 200, receivedAt: "2026-12-02T00:00:00Z"), body: body),
            key: key, part: 0)

        let ran = await pack.command("run")
        #expect(ran.code == 0, "\(ran.errorText)")
        #expect(emulator.requests(forStep: "g0").isEmpty, "g0's answer was in the cache")
        #expect(emulator.requests(forStep: "g1").count == 1)
        #expect(try pack.lockfile()?.steps["g0"]?.images.first?.sha256 == SHA256.hex(png))
        #expect(try pack.report().steps.first { $0.id == "g0" }?.notes.contains { $0.contains("read again from the cache") } == true)
        #expect(CacheFiles.names(in: pack.cacheFolder.appendingPathComponent("answers")).isEmpty, "settled: nothing left")
    }

    @Test func anAnswerThatCannotBeUsedIsMarkedSoAndNotReadAgain() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        emulator.inject(.nonImageBytes, matching: .marker(EndToEnd.marker("g0")), times: 3)
        let pack = try BatchPack(emulator: emulator, generations: 1, retry: RetryPolicy(maxAttempts: 1))
        let ran = await pack.command("run")
        #expect(ran.code == 1)
        let answers = CacheFiles.names(in: pack.cacheFolder.appendingPathComponent("answers")).sorted()
        #expect(answers.count == 2 && answers[0].hasSuffix("-0.answer") && answers[1].hasSuffix("-0.rejected"), "\(answers)")

        emulator.clearFaults()
        let again = await pack.command("run")
        #expect(again.code == 0, "\(again.errorText)")
        #expect(emulator.requests(forStep: "g0").count == 2, "the rejected answer was not used: asked again")
    }

    @Test func aRunKilledAsAnswersArriveLosesNoneThatArrivedBeforeTheLossWindow() async throws {
        let emulator = try EndToEnd.batchEmulator()
        defer { emulator.stop() }
        let pack = try BatchPack(emulator: emulator, generations: 16)
        let killedAt = Mutex<Duration?>(nil)
        let child = try await ChildRun.run(try ChildRun.executable(), ["run", pack.manifestURL.path, "--jobs", "4"],
                                           logIn: pack.folder, environment: BatchPack.environment,
                                           killWhen: { _ in
            let answered = emulator.requests { $0.path == "/v1/images/generations" && $0.completion != nil }.count
            guard answered >= 6 else { return false }
            killedAt.withLock { $0 = emulator.now }
            return true
        })
        #expect(child.killed, "\(child.lines.suffix(3))")
        let kill = try #require(killedAt.withLock { $0 })
        // Generous for a loaded CI machine; `make bench BENCH=durability` measures the real window.
        let window = Duration.milliseconds(250)
        let safe = emulator.requests { $0.path == "/v1/images/generations" && ($0.completion ?? kill) < kill - window }
        let safeSteps = pack.stepIDs.filter { id in safe.contains { $0.prompt?.contains(EndToEnd.marker(id)) == true } }

        let before = emulator.requests.count
        let next = await pack.command("run")
        #expect(next.code == 0, "\(next.errorText)")
        let askedAgain = safeSteps.filter { id in
            emulator.requests.dropFirst(before).contains { $0.prompt?.contains(EndToEnd.marker(id)) == true }
        }
        #expect(askedAgain.isEmpty, "answered more than \(window) before the kill, yet asked again: \(askedAgain)")
        #expect(try pack.lockedImages().count == 16)
    }
}
