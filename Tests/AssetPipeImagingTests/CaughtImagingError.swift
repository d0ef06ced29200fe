import Testing
@testable import AssetPipeBasics
@testable import AssetPipeImaging
@testable import AssetPipeTestSupport

/// The `ImagingError` that `body` throws, or nil when it succeeds; lets specifications state the
/// expected kind and message directly. Any other error type is recorded as an issue.
func caughtImagingError(_ body: () throws -> Void) -> ImagingError? {
    do {
        try body()
        return nil
    } catch let error as ImagingError {
        return error
    } catch {
        Issue.record("expected an ImagingError, got \(error)")
        return nil
    }
}
