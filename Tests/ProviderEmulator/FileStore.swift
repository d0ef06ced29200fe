import Foundation
import Synchronization

/// Files the emulator holds, under ids it issued: images behind the `url`s and `file_id`s of its
/// answers, and the Files API's files (uploads and batch results). Requests may pass an id back
/// as an input (Opper `file_id`s, OpenAI `images: [{file_id}]`), so an id the emulator never
/// issued is a client bug to report.
final class FileStore: Sendable {
    struct StoredFile: Sendable {
        var data: Data
        var mimeType: String
        /// Set for the Files API's files, which only their owner's key reads; nil for issued
        /// images, which anyone holding the link may download.
        var upload: UploadedFile?
    }

    /// What the Files API knows of one of its files besides the bytes.
    struct UploadedFile: Sendable {
        var filename: String
        var purpose: FilePurpose
        /// Unix seconds.
        var createdAt: Int
        /// The label of the key that uploaded it (or created the batch that wrote it).
        var owner: String
    }

    private let files = Mutex<[String: StoredFile]>([:])

    func store(_ data: Data, mimeType: String, upload: UploadedFile? = nil) -> String {
        files.withLock { files in
            let id = "file-emu-\(files.count + 1)"
            files[id] = StoredFile(data: data, mimeType: mimeType, upload: upload)
            return id
        }
    }

    func file(_ id: String) -> StoredFile? {
        files.withLock { $0[id] }
    }

    /// A Files API file as `owner` may see it: another account's files do not exist for it.
    func upload(_ id: String, owner: String) -> StoredFile? {
        guard let file = file(id), file.upload?.owner == owner else { return nil }
        return file
    }

    /// The presigned-style URL serving a stored file: no key needed, like a CDN link.
    static func url(of id: String, host: String) -> String {
        "http://\(host)/files/\(id)"
    }
}
