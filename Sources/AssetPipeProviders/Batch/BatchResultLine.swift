import Foundation
import AssetPipeBasics

/// One line of a batch's output or error file: `{"custom_id", "response": {"status_code",
/// "body"} | null, "error": {"code", "message"} | null}`. Lines come in no particular order and
/// are matched to requests by `custom_id`.
public struct BatchResultLine: Sendable {
    public enum Outcome: Sendable {
        /// The request was answered: 200 with the usual images answer, or an error status with
        /// the usual error body.
        case answered(status: Int, body: JSONValue)
        /// It never ran: the batch expired or was cancelled first (`batch_expired`), or the line
        /// itself was refused.
        case notRun(code: String?, message: String)
    }

    public var customID: String
    public var outcome: Outcome

    /// Every line of a file's content; lines that are not results are skipped (blank lines,
    /// a truncated last line), since a missing result is reported for its request anyway.
    public static func lines(in content: Data) -> [BatchResultLine] {
        content.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONParser.parse(Data(line)).value).flatMap(BatchResultLine.init)
        }
    }

    init?(_ json: JSONValue) {
        guard let customID = json["custom_id"]?.stringValue else { return nil }
        self.customID = customID
        if let response = json["response"], case .object = response,
           let status = response["status_code"]?.numberValue.flatMap({ Int(exactly: $0) }) {
            outcome = .answered(status: status, body: response["body"] ?? .null)
        } else {
            let error = json["error"]
            outcome = .notRun(code: error?["code"]?.stringValue, message: error?["message"]?.stringValue ?? "no answer for this request")
        }
    }
}
