import Foundation
import Synchronization

/// Images the emulator has issued a `file_id` and a URL for. Opper requests may pass a
/// `file_id` back as an input, so an id the emulator never issued is a client bug to report.
final class FileStore: Sendable {
    struct StoredFile: Sendable {
        var data: Data
        var mimeType: String
    }

    private let files = Mutex<[String: StoredFile]>([:])

    func store(_ data: Data, mimeType: String) -> String {
        files.withLock { files in
            let id = "file-emu-\(files.count + 1)"
            files[id] = StoredFile(data: data, mimeType: mimeType)
            return id
        }
    }

    func file(_ id: String) -> StoredFile? {
        files.withLock { $0[id] }
    }

    /// The presigned-style URL serving a stored file: no key needed, like a CDN link.
    static func url(of id: String, host: String) -> String {
        "http://\(host)/files/\(id)"
    }
}
