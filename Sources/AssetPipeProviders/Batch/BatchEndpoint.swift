/// The endpoints a batch can run, one per batch: every line of a batch's file names the same one.
public enum BatchEndpoint: String, Sendable, Hashable, Codable, CaseIterable {
    case generations = "/v1/images/generations"
    /// JSON edits (`images: [{"image_url": …}]`): a batch line cannot be multipart.
    case edits = "/v1/images/edits"
}
