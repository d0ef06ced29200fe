import Foundation
import AssetPipeBasics
import AssetPipeImaging
@testable import AssetPipeProviders

/// One input as the body of a provider's answer, read by every reader the providers use on a body
/// (internal to AssetPipeProviders, hence `@testable`): an error body (any status), the images
/// payload of a synchronous answer, a task announcement and a polled task object, a model list,
/// a batch object and a batch's result lines; then each image item's base64 decoded and its
/// header read, as `ImageTransfer` validates an image before trusting it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProviderAnswers(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let body = Data(bytes: start, count: count)
    _ = ErrorClassification.error(for: HTTPResponse(status: 400, body: body), retryAfter: nil)
    _ = BatchResultLine.lines(in: body)
    guard let json = try? JSONParser.parse(body).value else { return 0 }
    _ = TaskAnswer.announcedTaskID(in: json)
    let task = TaskAnswer(json)
    if task.status == .failed { _ = task.failure(taskID: "task-fuzz") }
    _ = task.unreadable(taskID: "task-fuzz", because: ProviderError(.unusableResponse, "fuzz"))
    _ = try? ModelListAnswer.models(in: json)
    _ = BatchObject(json)
    let payload = try? ImagesPayload(json)
    for item in (payload?.items ?? []) + task.items {
        guard let base64 = item.base64 else { continue }
        if let image = Base64.decode(base64.hasPrefix("data:") ? base64.drop { $0 != "," }.dropFirst() : base64[...]) {
            _ = try? ImageCodec.header(of: image)
        }
    }
    return 0
}
