import Foundation
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

/// A fresh folder under the system temporary directory, deleted with the last reference to it.
final class CacheScratchDirectory: Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("assetpipe-cache-\(UUID().uuidString)")

    init() {
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

    /// Every file below the folder, as sorted relative paths.
    func allFiles() -> [String] {
        let walker = FileManager.default.enumerator(atPath: url.path)
        return (walker?.allObjects as? [String] ?? []).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: file(path).path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }
}
