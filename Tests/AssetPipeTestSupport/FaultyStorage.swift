import Foundation
import Glibc
import Synchronization
import AssetPipeBasics

/// The disk, except that write number `failing` (counting from 1) fails the way a full disk or a
/// dying one does, before anything reaches the disk. Counts every write and remembers its path.
final class FaultyStorage: FileStorage {
    private let state = Mutex((count: 0, paths: [String]()))
    let failing: Int?
    let code: Int32

    init(failing: Int? = nil, code: Int32 = ENOSPC) {
        self.failing = failing
        self.code = code
    }

    var writes: [String] { state.withLock { $0.paths } }

    func write(_ data: Data, to url: URL) throws(FileError) {
        let number = state.withLock { state in
            state.count += 1
            state.paths.append(url.standardizedFileURL.path)
            return state.count
        }
        if number == failing {
            throw FileError(path: url.standardizedFileURL.path, "cannot write: \(String(cString: strerror(code)))", code: code)
        }
        try DiskStorage().write(data, to: url)
    }
}
