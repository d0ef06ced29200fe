import Foundation
import Glibc
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A file's bytes and the `stat` fields that show whether it was rewritten: a file left alone
/// keeps its modification time (to the nanosecond) and its inode; an atomic rewrite changes both.
struct FileState: Equatable {
    var bytes: Data
    var modified: Int64
    var inode: UInt64

    init(_ url: URL) throws {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw CacheError("\(url.path): cannot stat") }
        bytes = try Data(contentsOf: url)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    /// Every regular file below `folder`, by path relative to it; empty when there is no folder.
    static func files(under folder: URL) throws -> [String: FileState] {
        let root = folder.standardizedFileURL.path
        var files: [String: FileState] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(root.count + 1))] = try FileState(url)
        }
        return files
    }

    /// The bytes of `files`, leaving out the temporaries a killed write leaves behind.
    static func contents(_ files: [String: FileState]) -> [String: Data] {
        files.filter { !AtomicFile.isTemporaryFile(named: URL(fileURLWithPath: $0.key).lastPathComponent) }.mapValues(\.bytes)
    }
}

extension JSONValue {
    /// The value with every object member named `name` removed, at any depth.
    func removingMembers(named name: String) -> JSONValue {
        switch self {
        case let .array(items):
            return .array(items.map { $0.removingMembers(named: name) })
        case let .object(members):
            return .object(members.filter { $0.key != name }.map { (key: $0.key, value: $0.value.removingMembers(named: name)) })
        default:
            return self
        }
    }

    /// A lockfile's content apart from when each step was generated: what an interrupted and an
    /// uninterrupted run must agree on.
    static func lockfileIgnoringTimestamps(at url: URL) throws -> JSONValue {
        try JSONValue(parsing: Data(contentsOf: url)).removingMembers(named: "generated_at")
    }
}
