import Foundation
import Glibc
import AssetPipeBasics

extension GenerationCache {
    /// Removes what no kept key needs: records of other keys (and unreadable ones), blobs no kept
    /// record refers to, task and partial files of other keys or of keys already stored, and stray
    /// temporaries anywhere in the cache. With `dryRun` nothing is touched; the report lists what would go.
    ///
    /// `keepingKeys` is usually the lockfile's keys. Add the current manifest's keys to keep work
    /// of an interrupted run that is not in the lockfile yet (including async tasks to resume).
    /// Not meant to run while a `run` uses the same cache: it would delete that run's temporaries.
    public func clean(keepingKeys: Set<String>, dryRun: Bool) throws(CacheError) -> CleanReport {
        var doomed: [CleanReport.Entry] = []
        func doom(_ kind: CleanReport.Kind, _ url: URL) {
            doomed.append(.init(kind: kind, path: url.path, bytes: CacheFiles.size(of: url) ?? 0))
        }

        let temporaries = temporaryFiles()
        temporaries.forEach { doom(.temporary, $0) }
        var referenced = Set<String>()
        var stored = Set<String>()
        for (key, url) in entries(in: keysDirectory) {
            if keepingKeys.contains(key), let record = record(for: key) {
                stored.insert(key)
                referenced.formUnion(record.images.map(\.sha256))
            } else {
                doom(.record, url)
            }
        }
        for (key, url) in entries(in: partialDirectory) {
            if keepingKeys.contains(key), !stored.contains(key), let partial = partial(for: key) {
                referenced.formUnion(partial.record.images.map(\.sha256))
            } else {
                doom(.partial, url)
            }
        }
        for hash in blobs.allHashes().subtracting(referenced) {
            if let url = blobs.url(for: hash) { doom(.blob, url) }
        }
        for (key, url) in entries(in: tasksDirectory) where !keepingKeys.contains(key) || stored.contains(key) {
            doom(.task, url)
        }
        for name in CacheFiles.names(in: answersDirectory) {
            // `<key>-<part>.answer` and its `.rejected`.
            let key = String(name.prefix { $0 != "-" })
            if !keepingKeys.contains(key) || stored.contains(key) { doom(.answer, answersDirectory.appendingPathComponent(name)) }
        }

        doomed.sort { $0.path < $1.path }
        if !dryRun {
            for entry in doomed {
                guard unlink(entry.path) == 0 || errno == ENOENT else {
                    throw CacheError("\(entry.path): cannot remove: \(String(cString: strerror(errno)))")
                }
            }
            removeEmptyFanOutFolders()
        }
        return CleanReport(entries: doomed, dryRun: dryRun)
    }

    /// `<key>.json` files of a folder, by key.
    private func entries(in folder: URL) -> [(key: String, url: URL)] {
        CacheFiles.names(in: folder).compactMap { name in
            guard name.hasSuffix(".json") else { return nil }
            let key = String(name.dropLast(".json".count))
            return CacheFiles.isHash(key) ? (key, folder.appendingPathComponent(name)) : nil
        }
    }

    private func temporaryFiles() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { AtomicFile.isTemporaryFile(named: $0.lastPathComponent) }
    }

    private func removeEmptyFanOutFolders() {
        for prefix in CacheFiles.names(in: blobs.objectsDirectory) {
            rmdir(blobs.objectsDirectory.appendingPathComponent(prefix).path)
        }
    }
}
