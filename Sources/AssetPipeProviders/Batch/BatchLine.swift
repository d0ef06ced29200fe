import Foundation
import AssetPipeBasics

/// One request of a batch's input file: `{"custom_id", "method": "POST", "url", "body"}`, and
/// what the run needs to read its answer back.
public struct BatchLine: Sendable {
    public var customID: String
    public var endpoint: BatchEndpoint
    /// The model the body names: one input file holds one model's requests.
    public var model: String
    /// The line as written to the file, newline included.
    public var encoded: Data
    /// Parameters changed to suit the model, as for a synchronous request.
    public var notes: [String]
    /// The images it asks for, and their size when set: what its answer will weigh.
    public var imageCount: Int
    public var pixelSize: PixelSize?

    init(customID: String, endpoint: BatchEndpoint, model: String, body: JSONValue, notes: [String], imageCount: Int = 1,
         pixelSize: PixelSize? = nil) {
        self.customID = customID
        self.endpoint = endpoint
        self.model = model
        self.notes = notes
        self.imageCount = imageCount
        self.pixelSize = pixelSize
        let line: JSONValue = .object([("custom_id", .string(customID)), ("method", .string("POST")),
                                       ("url", .string(endpoint.rawValue)), ("body", body)])
        var data = line.serializedData()
        data.append(UInt8(ascii: "\n"))
        encoded = data
    }
}
