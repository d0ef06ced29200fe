import Foundation

/// What the emulator asks the injected factory to render for one output image. The emulator
/// never encodes images itself (the codecs live in `AssetPipe` and tests pick real or fake
/// bytes), so everything a factory might vary on is here.
public struct ImageSpec: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable {
        case generation, edit, variation
    }

    public var operation: Operation
    public var model: String
    public var prompt: String
    /// The requested size as sent (`"1024x1024"`, `"auto"`), or the aspect ratio for Opper
    /// requests that gave one instead; nil when the request named neither.
    public var size: String?
    /// The image's position in the response's `data` array.
    public var index: Int
    /// The requested `output_format` (`png`, `jpeg`, `webp`) when the request named one.
    public var outputFormat: String?
    public var background: String?
    /// The emulator's sequence number of the request that produced the image, so factories can
    /// make every image in a run distinct. Everything else here comes from the request's content,
    /// so a factory that ignores this renders by content alone: the same request gives the same
    /// bytes whether it was sent synchronously or ran as a line of a batch.
    public var requestSequence: Int
    /// How many input images the request carried (edits and variations).
    public var inputImageCount: Int

    public init(operation: Operation, model: String, prompt: String, size: String? = nil, index: Int = 0,
                outputFormat: String? = nil, background: String? = nil, requestSequence: Int = 0,
                inputImageCount: Int = 0) {
        self.operation = operation
        self.model = model
        self.prompt = prompt
        self.size = size
        self.index = index
        self.outputFormat = outputFormat
        self.background = background
        self.requestSequence = requestSequence
        self.inputImageCount = inputImageCount
    }
}

/// Produces the encoded bytes served for one image and their MIME type.
public typealias ImageFactory = @Sendable (ImageSpec) -> (data: Data, mimeType: String)
