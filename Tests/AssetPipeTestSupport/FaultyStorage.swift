import Foundation
import Glibc
import Synchronization
import AssetPipeBasics

/// The disk, except that one write fails the way a full disk or a dying one does: the `nth`
/// (counting from 1) of the writes whose path contains `pattern` (of every write when nil), at
/// `stage` — so a spec can fill the disk while a cache blob, a record, an output or the lockfile
/// is being created, written, synced or renamed. The failure goes through `AtomicFile`'s own
/// clean-up, as a real one would. Counts every write and remembers its path.
final class FaultyStorage: FileStorage {
    private struct State {
        var paths: [String] = []
        var matching = 0
        var failed: String?
    }

    private let state = Mutex(State())
    let nth: Int?
    let pattern: String?
    let stage: AtomicFile.Stage
    let code: Int32

    init(failing nth: Int? = nil, of pattern: String? = nil, at stage: AtomicFile.Stage = .create, code: Int32 = ENOSPC) {
        self.nth = nth
        self.pattern = pattern
        self.stage = stage
        self.code = code
    }

    var writes: [String] { state.withLock { $0.paths } }

    /// The target of the write that failed; nil while none has.
    var failedPath: String? { state.withLock { $0.failed } }

    func write(_ data: Data, to url: URL) throws(FileError) {
        let path = url.standardizedFileURL.path
        let fails = state.withLock { state in
            state.paths.append(path)
            guard pattern.map({ path.contains($0) }) ?? true else { return false }
            state.matching += 1
            guard state.matching == nth else { return false }
            state.failed = path
            return true
        }
        try AtomicFile.write(data, to: url, failing: { [stage, code] in fails && $0 == stage ? code : nil })
    }
}
