import Foundation
import Glibc
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// A write can fail at any point of a run — a full disk, an I/O error — and none leaves a
/// half-written file, a record naming a missing image or a lockfile promising what is not
/// there; the failure names its path, and a healthy re-run ends where a clean run would.
@Suite struct StorageFaultTests {
    /// Three steps (one editing another) of two outputs each, rendered offline at 16x16.
    private func manifest(in folder: URL) -> Manifest {
        var builder = ManifestBuilder()
        builder.outputDirectory = folder.appendingPathComponent("out")
        let outputs = { (id: String) in [OutputSpec(path: "\(id).png", format: .png), OutputSpec(path: "\(id).jpg", format: .jpeg)] }
        builder.step("base", model: "local:studio", outputs: outputs("base"))
        builder.step("edit", model: "local:studio", inputs: ["base"], outputs: outputs("edit"))
        builder.step("other", model: "local:studio", outputs: outputs("other"))
        for index in builder.steps.indices { builder.steps[index].parameters.size = PixelSize(width: 16, height: 16) }
        return builder.manifest
    }

    private func run(_ manifest: Manifest, in folder: URL, storage: FaultyStorage,
                     requests: RenderCounter = RenderCounter()) async throws -> RunReport {
        let caching = RunCaching(cache: GenerationCache(directory: folder.appendingPathComponent("cache"), storage: storage),
                                 lockfileURL: folder.appendingPathComponent("pack.lock.json"),
                                 outputStats: OutputStatCache(stateFile: folder.appendingPathComponent("cache/stats.json"), storage: storage),
                                 timestamp: { "2026-12-01T00:00:00Z" })
        return try await Runner(manifest: manifest, clock: VirtualClock(), environment: [:], providerFactory: requests.factory,
                                caching: caching, storage: storage).run()
    }

    /// Why the run did not finish: each failed step's reason, and the lockfile's.
    private func reasons(_ report: RunReport) -> [String] {
        report.outcomes.compactMap { if case let .failed(reason) = $0.status { reason } else { nil } }
            + (report.lockfileError.map { [$0] } ?? [])
    }

    private func records(in folder: URL) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cache/keys").path)) ?? []).count
    }

    private func files(under folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
    }

    /// Every record's images are in the store intact, and every output the lockfile lists exists
    /// with the hash it records.
    private func expectConsistent(_ folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cache = GenerationCache(directory: folder.appendingPathComponent("cache"))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.keysDirectory.path)) ?? [] {
            let record = try #require(cache.record(for: String(name.dropLast(5))), "\(name) unreadable", sourceLocation: sourceLocation)
            #expect(cache.images(for: record) != nil, "\(name) names a missing image", sourceLocation: sourceLocation)
        }
        guard let lockfile = try Lockfile.load(from: folder.appendingPathComponent("pack.lock.json")) else { return }
        for (_, step) in lockfile.steps {
            for (path, output) in step.outputs {
                let data = try? Data(contentsOf: folder.appendingPathComponent("out").appendingPathComponent(path))
                #expect(data.map(SHA256.hex) == output.sha256, "the lockfile promises \(path)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func aWriteThatFailsAtAnyPointLeavesNothingHalfWrittenAndSaysWhere() async throws {
        let cleanFolder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("storage-clean-\(UUID().uuidString)")
        let clean = FaultyStorage()
        #expect(try await run(manifest(in: cleanFolder), in: cleanFolder, storage: clean).succeeded == 3)
        let cleanLockfile = try Data(contentsOf: cleanFolder.appendingPathComponent("pack.lock.json"))
        #expect(clean.writes.count == 13, "3 blobs, 3 records, 6 outputs and the lockfile: \(clean.writes.count)")

        for failing in 1...clean.writes.count {
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("storage-fault-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = manifest(in: folder)
            let storage = FaultyStorage(failing: failing, code: failing % 2 == 0 ? EIO : ENOSPC)
            let report = try await run(manifest, in: folder, storage: storage)
            let failedPath = storage.writes[failing - 1]
            let reasons = reasons(report)
            #expect(reasons.contains { $0.contains(failedPath) && $0.contains(String(cString: strerror(storage.code))) },
                    "write \(failing) (\(failedPath)) failed unreported: \(reasons)")
            #expect(!files(under: folder).contains { AtomicFile.isTemporaryFile(named: URL(fileURLWithPath: $0).lastPathComponent) })
            try expectConsistent(folder)

            let healed = try await run(manifest, in: folder, storage: FaultyStorage())
            #expect(healed.succeeded == 3, "write \(failing): the re-run did not finish what was left")
            #expect(try Data(contentsOf: folder.appendingPathComponent("pack.lock.json")) == cleanLockfile, "write \(failing)")
            try expectConsistent(folder)
        }
    }

    /// Where a write can meet a full or failing disk, by the path it writes.
    enum Location: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case blob = "/cache/objects/"
        case record = "/cache/keys/"
        case output = "/out/"
        case lockfile = "/pack.lock.json"

        var testDescription: String { "\(self)" }

        /// The write that fails: the second of its kind, so that one is stored before it.
        var nth: Int { self == .lockfile ? 1 : 2 }

        /// Whether everything paid for is in the cache before this write.
        var comesAfterTheCache: Bool { self == .output || self == .lockfile }
    }

    static let faults: [(Location, AtomicFile.Stage, Int32)] = Location.allCases.flatMap { location in
        AtomicFile.Stage.allCases.enumerated().map { index, stage in (location, stage, index % 2 == 0 ? ENOSPC : EIO) }
    }

    @Test(arguments: faults)
    func aFullOrFailingDiskAtAnyWriteSaysWhereAndWhyKeepsWhatWasStoredAndTheNextRunPaysOnlyForWhatWasLost(
        location: Location, stage: AtomicFile.Stage, code: Int32
    ) async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("storage-\(location)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = manifest(in: folder)
        let storage = FaultyStorage(failing: location.nth, of: location.rawValue, at: stage, code: code)
        let first = RenderCounter()
        let report = try await run(manifest, in: folder, storage: storage, requests: first)

        let failedPath = try #require(storage.failedPath, "no \(location) write number \(location.nth): \(storage.writes)")
        let reason = code == ENOSPC ? "No space left on device (ENOSPC)" : "Input/output error (EIO)"
        #expect(reasons(report).contains { $0.contains("\(failedPath): ") && $0.hasSuffix(reason) },
                "the failure names neither \(failedPath) nor \(reason): \(reasons(report))")
        #expect(!files(under: folder).contains { AtomicFile.isTemporaryFile(named: URL(fileURLWithPath: $0).lastPathComponent) })
        try expectConsistent(folder)
        if location == .lockfile {
            #expect(report.succeeded == 3, "the steps' results stand though the lockfile could not be saved")
            #expect(files(under: folder.appendingPathComponent("out")).count == 6)
        }

        let kept = records(in: folder)
        let healed = RenderCounter()
        let again = try await run(manifest, in: folder, storage: FaultyStorage(), requests: healed)
        #expect(again.succeeded == 3)
        #expect(healed.steps.count == 3 - kept, "only what was not stored is asked for again: \(healed.steps)")
        // A step downstream of the failed one was never asked for, and is now; only the step whose
        // result could not be stored is paid for twice.
        let paidTwice = Set(healed.steps).intersection(first.steps)
        #expect(paidTwice.count <= (location.comesAfterTheCache ? 0 : 1), "paid for twice: \(paidTwice.sorted())")
        try expectConsistent(folder)
    }
}
