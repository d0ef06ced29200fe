import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// One request's answer while it arrives: its head and the body so far.
struct Transfer: Sendable {
    /// What the task ended with, handed to `finish` once.
    struct Outcome {
        var status: Int?
        var headers: HTTPHeaders
        var body: Data
        var error: (any Error)?
        var refusal: ProviderError?
    }

    let url: URL
    let limit: Int
    let finish: @Sendable (Outcome) -> Void
    private var status: Int?
    private var headers = HTTPHeaders()
    private var body = Data()
    private var pieces = 0

    /// The bytes a piece of the body is counted as at least, so that pieces too small to pass
    /// the cap by their bytes pass it by their number. corelibs-foundation queues every piece
    /// curl hands over (one per chunk of a chunked body) as an operation on the delegate queue,
    /// and runs them far slower than a server can send 16-byte chunks: tens of microseconds and
    /// a few hundred bytes each, so such a flood would hold the request (and grow) until its
    /// deadline. Real answers arrive in pieces of kilobytes (curl's are up to 16 KiB), so a
    /// 256 MiB answer may take 65,536 pieces: about 2 s of them at corelibs' pace.
    static let leastPieceCost = 4096

    init(url: URL, limit: Int, finish: @escaping @Sendable (Outcome) -> Void) {
        self.url = url
        self.limit = limit
        self.finish = finish
    }

    /// The refusal when the declared length already passes the cap.
    mutating func receive(status: Int, headers: HTTPHeaders, declaredLength: Int64) -> ProviderError? {
        self.status = status
        self.headers = headers
        guard declaredLength <= Int64(limit) else {
            return OversizedAnswer.error(from: url, size: Int(clamping: declaredLength), limit: limit, status: status)
        }
        if declaredLength > 0 { body.reserveCapacity(Int(declaredLength)) }
        return nil
    }

    /// Keeps `chunk`, or returns the refusal when the body would pass the cap, by its bytes or
    /// by its number of pieces.
    mutating func receive(_ chunk: Data) -> ProviderError? {
        let received = body.count + chunk.count
        guard received <= limit else {
            return OversizedAnswer.cutOff(from: url, received: received, limit: limit, status: status)
        }
        pieces += 1
        guard pieces <= max(limit / Self.leastPieceCost, 1) else {
            return OversizedAnswer.flood(from: url, pieces: pieces, received: received, status: status)
        }
        body.append(chunk)
        return nil
    }

    func outcome(error: (any Error)?, refusal: ProviderError? = nil) -> Outcome {
        Outcome(status: status, headers: headers, body: refusal == nil ? body : Data(), error: error, refusal: refusal)
    }
}

/// The transfers in flight, by task identifier: the session's one delegate routes every
/// callback here (corelibs-foundation calls it on its own queues, hence the lock).
///
/// A refused transfer is finished at once, not when its task completes: corelibs-foundation
/// queues every chunk curl hands over (inflated, for a gzip body) on the delegate queue, and
/// the task's completion only arrives behind them, seconds later for a bomb. Callbacks for a
/// transfer no longer here are dropped.
final class TransferRegistry: Sendable {
    private let transfers = Mutex([Int: Transfer]())

    /// Before the task resumes, so no callback can miss it.
    func register(_ task: URLSessionTask, _ transfer: Transfer) {
        transfers.withLock { $0[task.taskIdentifier] = transfer }
    }

    /// False when the answer is refused by its declared length: the task must be cancelled.
    func receive(_ response: URLResponse, for task: Int) -> Bool {
        guard let http = response as? HTTPURLResponse else { return true }
        let headers = URLSessionTransport.headers(of: http)
        let declared = http.expectedContentLength
        return settle(task) { $0.receive(status: http.statusCode, headers: headers, declaredLength: declared) }
    }

    /// False when the body passes the cap with this chunk: the task must be cancelled.
    func receive(_ chunk: Data, for task: Int) -> Bool {
        settle(task) { $0.receive(chunk) }
    }

    /// The caller gave up (its deadline passed, its task was cancelled): it is answered now, not
    /// when the task's completion makes it through the delegate queue.
    func abandon(_ task: Int, error: any Error) {
        guard let transfer = transfers.withLock({ $0.removeValue(forKey: task) }) else { return }
        transfer.finish(transfer.outcome(error: error))
    }

    /// Hands the outcome over outside the lock: `finish` resumes a continuation.
    func complete(_ task: Int, error: (any Error)?) {
        guard let transfer = transfers.withLock({ $0.removeValue(forKey: task) }) else { return }
        transfer.finish(transfer.outcome(error: error))
    }

    /// Applies `step` to the task's transfer; when it refuses, the transfer leaves the registry
    /// and finishes with the refusal.
    private func settle(_ task: Int, _ step: (inout Transfer) -> ProviderError?) -> Bool {
        let refused: (Transfer, ProviderError)? = transfers.withLock { transfers in
            // Taken out while it changes, so its body is uniquely referenced and grows in place.
            guard var transfer = transfers.removeValue(forKey: task) else { return nil }
            guard let refusal = step(&transfer) else {
                transfers[task] = transfer
                return nil
            }
            return (transfer, refusal)
        }
        guard let (transfer, refusal) = refused else { return true }
        transfer.finish(transfer.outcome(error: nil, refusal: refusal))
        return false
    }
}
