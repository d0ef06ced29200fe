import Foundation
import Glibc
import AssetPipeBasics
import AssetPipeImaging

/// The paid results of past generations, so that no request is ever paid for twice.
///
/// Layout under `directory`:
/// - `objects/ab/cdef…`: image blobs by content hash (`ContentStore`);
/// - `keys/<key>.json`: a `GenerationRecord` per cache key;
/// - `tasks/<key>.json`: a submitted async task not collected yet (`PendingTask`);
/// - `partial/<key>.json`: images already received for a key whose step needs several requests
///   (a `GenerationRecord` of fewer images than the step asks for);
/// - `answers/<key>-<part>.answer`: provider answers as they arrived, until their result is stored;
/// - `batches/<token>.json`: Batch API batches submitted and not collected yet.
///
/// Ordering is what makes it crash-safe: blobs are durable before the record naming them is
/// atomically renamed into place, so a kill at any moment leaves no record or a complete one whose
/// images exist. Blobs are still verified on every read.
public struct GenerationCache: Sendable {
    public let directory: URL
    public let blobs: ContentStore

    /// Every blob and record goes through `storage`.
    public init(directory: URL, storage: any FileStorage = DiskStorage()) {
        self.directory = directory
        self.blobs = ContentStore(directory: directory, storage: storage)
    }

    var keysDirectory: URL { directory.appendingPathComponent("keys", isDirectory: true) }
    var tasksDirectory: URL { directory.appendingPathComponent("tasks", isDirectory: true) }
    var partialDirectory: URL { directory.appendingPathComponent("partial", isDirectory: true) }

    /// Files the result of a generation under `key` (a SHA-256 hex cache key): every image blob
    /// first, then the record. Storing again under the same key replaces the record.
    @discardableResult
    public func store(key: String, images: [EncodedImage], model: String, cost: Double?, generatedAt: String,
                      notes: [String] = []) throws(CacheError) -> GenerationRecord {
        try write(key: key, images: images, model: model, cost: cost, generatedAt: generatedAt, notes: notes,
                  to: try recordURL(for: key))
    }

    /// Files the images received so far for `key` when its step needs several requests, so that
    /// a killed run does not pay for them again. Replaced as more arrive, removed by `clearPartial`
    /// once the whole result is stored.
    public func storePartial(key: String, images: [EncodedImage], model: String, cost: Double?,
                             generatedAt: String) throws(CacheError) {
        try write(key: key, images: images, model: model, cost: cost, generatedAt: generatedAt, notes: [],
                  to: try Self.file(named: key, in: partialDirectory))
    }

    /// The images received so far for `key`, if any were filed and are intact.
    public func partial(for key: String) -> (record: GenerationRecord, images: [EncodedImage])? {
        guard let url = try? Self.file(named: key, in: partialDirectory), let data = try? Data(contentsOf: url),
              let record = try? JSONDecoder().decode(GenerationRecord.self, from: data), record.key == key,
              let images = images(for: record) else { return nil }
        return (record, images)
    }

    public func clearPartial(key: String) {
        guard let url = try? Self.file(named: key, in: partialDirectory) else { return }
        unlink(url.path)
    }

    /// Blobs first, then the record naming them, atomically.
    @discardableResult
    private func write(key: String, images: [EncodedImage], model: String, cost: Double?, generatedAt: String,
                       notes: [String], to url: URL) throws(CacheError) -> GenerationRecord {
        var imageRecords: [ImageRecord] = []
        for image in images {
            imageRecords.append(ImageRecord(image, sha256: try blobs.put(image.data)))
        }
        let record = GenerationRecord(key: key, model: model, images: imageRecords, cost: cost,
                                      generatedAt: generatedAt, notes: notes)
        try CacheFiles.write(try Self.encode(record, for: url), to: url, blobs.storage)
        return record
    }

    /// The record for `key`; nil when there is none or it cannot be read (a malformed record is a
    /// miss, regenerated and overwritten, never an error that blocks the run).
    public func record(for key: String) -> GenerationRecord? {
        guard let url = try? recordURL(for: key), let data = try? Data(contentsOf: url),
              let record = try? JSONDecoder().decode(GenerationRecord.self, from: data), record.key == key
        else { return nil }
        return record
    }

    /// The record's images with verified bytes, headers from the record and the provider handles
    /// it kept; nil when any blob is missing or damaged, since a partial set is no result.
    public func images(for record: GenerationRecord) -> [EncodedImage]? {
        var images: [EncodedImage] = []
        for image in record.images {
            guard let data = blobs.get(image.sha256) else { return nil }
            images.append(EncodedImage(data: data, header: image.header, origin: image.origin))
        }
        return images
    }

    /// Remembers, durably and before waiting on it, that an async task was submitted for `key`:
    /// after a crash the next run polls it instead of paying for a second one.
    public func recordTask(key: String, provider: String, taskID: String, model: String? = nil) throws(CacheError) {
        let url = try taskURL(for: key)
        try CacheFiles.write(try Self.encode(PendingTask(provider: provider, taskID: taskID, model: model), for: url), to: url,
                             blobs.storage)
    }

    /// The task submitted for `key` and not collected yet, if any.
    public func pendingTask(for key: String) -> PendingTask? {
        guard let url = try? taskURL(for: key), let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(PendingTask.self, from: data)
    }

    /// Forgets the task for `key`, once its result is stored or it is known to be gone.
    public func clearTask(key: String) {
        guard let url = try? taskURL(for: key) else { return }
        unlink(url.path)
    }

    func recordURL(for key: String) throws(CacheError) -> URL {
        try Self.file(named: key, in: keysDirectory)
    }

    func taskURL(for key: String) throws(CacheError) -> URL {
        try Self.file(named: key, in: tasksDirectory)
    }

    private static func file(named key: String, in folder: URL) throws(CacheError) -> URL {
        guard CacheFiles.isHash(key) else { throw CacheError("'\(key)' is not a cache key (SHA-256 hex)") }
        return folder.appendingPathComponent(key + ".json")
    }

    static func encode(_ value: some Encodable, for url: URL) throws(CacheError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw CacheError("\(url.path): cannot encode: \(error)")
        }
    }
}
