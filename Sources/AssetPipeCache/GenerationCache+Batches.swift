import Foundation
import Glibc
import AssetPipeBasics

/// `batches/<token>.json`: the batches runs have started and not finished collecting.
extension GenerationCache {
    var batchesDirectory: URL { directory.appendingPathComponent("batches", isDirectory: true) }

    /// Files (or updates) a batch's record, durably, before the step it describes is taken.
    public func recordBatch(_ record: BatchRecord) throws(CacheError) {
        let url = try batchURL(for: record.token)
        try CacheFiles.write(try Self.encode(record, for: url), to: url, blobs.storage)
    }

    /// Every batch not yet collected, oldest first; unreadable records are skipped (a record
    /// is written atomically, so one that does not decode was never this cache's).
    public func openBatches() -> [BatchRecord] {
        CacheFiles.names(in: batchesDirectory).filter { $0.hasSuffix(".json") }.compactMap { name in
            (try? Data(contentsOf: batchesDirectory.appendingPathComponent(name)))
                .flatMap { try? JSONDecoder().decode(BatchRecord.self, from: $0) }
        }.sorted { ($0.createdAt, $0.token) < ($1.createdAt, $1.token) }
    }

    /// Forgets a batch once every result it holds is stored (or it is known never to have run).
    public func clearBatch(token: String) {
        guard let url = try? batchURL(for: token) else { return }
        unlink(url.path)
    }

    private func batchURL(for token: String) throws(CacheError) -> URL {
        guard CacheFiles.isHash(token) else { throw CacheError("'\(token)' is not a batch token (SHA-256 hex)") }
        return batchesDirectory.appendingPathComponent(token + ".json")
    }
}
