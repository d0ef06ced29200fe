import Foundation

/// A provider's answer exactly as it arrived (a 2xx status and its body), before anything read
/// it: what the runner makes durable first, so that an answer paid for survives a kill during
/// its decoding, and what `ImageProvider.replay` reads again in the next run.
public struct RecordedAnswer: Sendable, Equatable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// Hears of every successful answer the moment its last byte has arrived, before it is parsed
/// or its images are downloaded and decoded. It should return only once the answer is durable.
public protocol AnswerRecorder: Sendable {
    func arrived(_ answer: RecordedAnswer, for request: GenerationRequest) async
}
