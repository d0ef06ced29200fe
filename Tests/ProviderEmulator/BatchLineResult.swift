import AssetPipeBasics

/// What became of one line of a batch: the answer its endpoint gave when the batch ran it, or,
/// for a line that never ran, why not (`response: null` and an `error`).
struct BatchLineResult: Sendable {
    /// An answer as the synchronous endpoint would have given it.
    struct Response: Sendable {
        var statusCode: Int
        var requestID: String
        var body: JSONValue
    }

    /// Why a line has no answer: the documented non-HTTP errors of a batch line.
    enum Unrun: String, Sendable {
        case expired = "batch_expired"
        case cancelled = "batch_cancelled"

        var message: String {
            switch self {
            case .expired: "This request could not be executed before the completion window expired."
            case .cancelled: "This request was not executed because the batch was cancelled."
            }
        }
    }

    let line: BatchLine
    let response: Response?
    let unrun: Unrun?

    init(line: BatchLine, response: Response) {
        self.line = line
        self.response = response
        unrun = nil
    }

    init(line: BatchLine, unrun: Unrun) {
        self.line = line
        response = nil
        self.unrun = unrun
    }

    /// Answered with a 2xx: belongs in the output file; everything else goes to the error file.
    var succeeded: Bool { response.map { (200..<300).contains($0.statusCode) } ?? false }

    /// The line's entry in the output or error file:
    /// `{"id": "batch_req_…", "custom_id", "response": {"status_code", "request_id", "body"} | null, "error": {"code", "message"} | null}`.
    func entry(batchNumber: Int) -> JSONValue {
        let response: JSONValue = self.response.map { answer in
            .object([("status_code", .number(Double(answer.statusCode))), ("request_id", .string(answer.requestID)),
                     ("body", answer.body)])
        } ?? .null
        let error: JSONValue = unrun.map { .object([("code", .string($0.rawValue)), ("message", .string($0.message))]) } ?? .null
        return .object([
            ("id", .string("batch_req_emu\(batchNumber)_\(line.number)")), ("custom_id", .string(line.customID)),
            ("response", response), ("error", error),
        ])
    }
}
