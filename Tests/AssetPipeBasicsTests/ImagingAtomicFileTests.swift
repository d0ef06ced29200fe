import Foundation
import Testing
import Glibc
@testable import AssetPipeBasics
@testable import AssetPipeTestSupport

@Suite struct ImagingAtomicFileTests {
    private let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("assetpipe-atomic-\(UUID().uuidString)")

    private func contents(of url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    @Test func createsFoldersAndLeavesNoTemporaries() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("nested/deeper/hero.png")
        try AtomicFile.write(Data("first".utf8), to: target)
        try AtomicFile.write(Data("second".utf8), to: target)
        #expect(try Data(contentsOf: target) == Data("second".utf8))
        #expect(try contents(of: target.deletingLastPathComponent()) == ["hero.png"])
    }

    @Test(arguments: AtomicFile.Stage.allCases, [ENOSPC, EIO])
    func aWriteFailingAtAnyStageLeavesNoTemporaryAndSaysWhereAndWhy(stage: AtomicFile.Stage, code: Int32) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("hero.png")
        try AtomicFile.write(Data("previous".utf8), to: target)
        let error = #expect(throws: FileError.self) {
            try AtomicFile.write(Data("replacement".utf8), to: target, failing: { $0 == stage ? code : nil })
        }
        #expect(error?.path == target.standardizedFileURL.path)
        #expect(error?.code == code)
        let reason = code == ENOSPC ? "No space left on device (ENOSPC)" : "Input/output error (EIO)"
        #expect(error?.description.hasSuffix(reason) == true, "\(String(describing: error))")
        // Only once the rename is done does the target hold the new content, whole.
        #expect(try Data(contentsOf: target) == Data((stage == .syncFolder ? "replacement" : "previous").utf8))
        #expect(try contents(of: folder) == ["hero.png"])
    }

    @Test func aTargetThatCannotBeReplacedIsAFileErrorNamingThePath() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("child"), withIntermediateDirectories: true)
        let error = #expect(throws: FileError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(error?.path == target.standardizedFileURL.path)
        #expect(error?.code == EISDIR, "\(String(describing: error))")
        #expect(try contents(of: folder) == ["taken"])
        #expect(try contents(of: target) == ["child"])
    }

    @Test func aFileStandingWhereAFolderMustBeIsAFileErrorNamingItAndTheErrno() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("blocked")
        try AtomicFile.write(Data("a file".utf8), to: blocker)
        let error = #expect(throws: FileError.self) {
            try AtomicFile.write(Data("x".utf8), to: blocker.appendingPathComponent("deeper/hero.png"))
        }
        #expect(error?.path == blocker.standardizedFileURL.path)
        #expect(error?.description.hasSuffix("cannot create folder: Not a directory (ENOTDIR)") == true, "\(String(describing: error))")
        #expect(try contents(of: folder) == ["blocked"])
    }

    @Test func temporariesAreRecognisable() {
        let name = AtomicFile.temporaryName(for: "hero.png")
        #expect(name.hasPrefix(".hero.png.assetpipe-tmp-"))
        #expect(AtomicFile.isTemporaryFile(named: name))
        #expect(!AtomicFile.isTemporaryFile(named: "hero.png"))
        #expect(!AtomicFile.isTemporaryFile(named: ".hidden"))
    }
}
