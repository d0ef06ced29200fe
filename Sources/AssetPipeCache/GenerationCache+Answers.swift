import Foundation
import Glibc
import AssetPipeBasics

/// `answers/<key>-<part>.answer`: provider answers received for a key and not yet stored as its
/// result — `part` counts the images the step had before the request, so each request of a step
/// that needs several has its own. An answer that could not be used gets a `.rejected` file
/// beside it saying why, and is not read again.
extension GenerationCache {
    var answersDirectory: URL { directory.appendingPathComponent("answers", isDirectory: true) }

    /// Makes an answer durable (atomically, fsynced) before anything reads it.
    public func recordAnswer(_ answer: RecordedAnswerFile, key: String, part: Int) throws(CacheError) {
        try CacheFiles.write(answer.encoded, to: try answerURL(key: key, part: part, suffix: "answer"), blobs.storage)
    }

    /// The answer recorded for `key`'s `part`, unless it was rejected.
    public func recordedAnswer(key: String, part: Int) -> RecordedAnswerFile? {
        guard let url = try? answerURL(key: key, part: part, suffix: "answer"),
              let rejected = try? answerURL(key: key, part: part, suffix: "rejected"),
              CacheFiles.size(of: rejected) == nil,
              let data = try? Data(contentsOf: url) else { return nil }
        return RecordedAnswerFile(decoding: data)
    }

    /// Files why the recorded answer could not be used, next to it: it stays for a reader to
    /// look at, and no run reads it again.
    public func rejectAnswer(key: String, part: Int, reason: String) {
        guard let answer = try? answerURL(key: key, part: part, suffix: "answer"), CacheFiles.size(of: answer) != nil,
              let url = try? answerURL(key: key, part: part, suffix: "rejected") else { return }
        try? CacheFiles.write(Data((reason + "\n").utf8), to: url, blobs.storage)
    }

    /// Forgets every answer of `key` once its result is stored.
    public func clearAnswers(key: String) {
        for name in CacheFiles.names(in: answersDirectory) where name.hasPrefix(key + "-") {
            unlink(answersDirectory.appendingPathComponent(name).path)
        }
    }

    private func answerURL(key: String, part: Int, suffix: String) throws(CacheError) -> URL {
        guard CacheFiles.isHash(key) else { throw CacheError("'\(key)' is not a cache key (SHA-256 hex)") }
        return answersDirectory.appendingPathComponent("\(key)-\(part).\(suffix)")
    }
}
