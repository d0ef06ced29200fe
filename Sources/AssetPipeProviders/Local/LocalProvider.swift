import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeImaging

/// The embedded offline provider: deterministic pictures with no network and no key, so the
/// demo, CI and most tests run anywhere. The same model, prompt, size, seed and input images
/// always give the same pixels.
public struct LocalProvider: ImageProvider, ModelListing {
    public var name: String
    /// Simulated generation time, to exercise concurrency offline (`latency_ms`).
    public var latency: Duration
    public var clock: any RunClock
    public var blocking: BlockingExecutor

    /// The largest side `local` renders; larger requests are rejected rather than allocating
    /// gigabytes for a placeholder.
    public static let maxSide = 4096
    static let defaultSide = 1024

    public init(name: String = "local", latency: Duration = .zero, clock: any RunClock = SystemClock(), blocking: BlockingExecutor = .shared) {
        self.name = name
        self.latency = latency
        self.clock = clock
        self.blocking = blocking
    }

    public func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
        .images(try await render(request))
    }

    /// `local` has no list: a model name only seeds the picture, so every name is a model.
    public func listModels() async throws -> ModelList {
        ModelList(models: [], acceptsAnyName: true)
    }

    /// The images of `request`, rendered on the blocking-work executor.
    public func render(_ request: GenerationRequest) async throws -> GenerationResult {
        let inputs = try await decodeInputs(request)
        let size = try outputSize(request, editing: inputs.base)
        let encoding = try encodeSettings(request.parameters)
        let seed = requestSeed(request)
        let images = try await blocking.run { [name] in
            // An edit renders at the size asked for, as the image APIs do: input and mask are scaled to it.
            let base = inputs.base?.resized(to: size)
            let mask = inputs.mask?.resized(to: size)
            return try (0..<request.parameters.n).map { index in
                var hasher = SHA256()
                hasher.update(Data(seed))
                hasher.update("#\(index)")
                var random = SeededRandom(seed: hasher.finalize())
                let raster: RasterImage
                if let base {
                    raster = EditRenderer(base: base, mask: mask, references: inputs.references,
                                          mirror: request.operation == .variation).render(&random)
                } else {
                    raster = SceneRenderer(width: size.width, height: size.height,
                                           transparent: request.parameters.background == "transparent").render(&random)
                }
                let data = try ImageCodec.encode(raster, encoding.settings)
                let header = ImageHeader(format: encoding.format, width: raster.width, height: raster.height,
                                         hasAlpha: raster.hasAlpha && encoding.format != .jpeg)
                return EncodedImage(data: data, header: header, origin: ImageOrigin(provider: name))
            }
        }
        if latency > .zero { try await clock.sleep(for: latency) }
        return GenerationResult(images: images, cost: 0)
    }

    /// Everything that determines the pixels, hashed: model, prompt, every parameter but `n` (image
    /// k is the same picture whatever `n` is) and the exact bytes of every input.
    private func requestSeed(_ request: GenerationRequest) -> [UInt8] {
        var hasher = SHA256()
        for field in [request.model, request.operation.rawValue, request.prompt] { hasher.update(field + "\u{1F}") }
        hasher.update(CanonicalJSON.string(request.parameters.keyJSON(excluding: [.n])) + "\u{1F}")
        for input in request.inputs.all {
            switch input {
            case let .encoded(image): hasher.update(image.data)
            case let .url(url): hasher.update(url)
            }
        }
        return hasher.finalize()
    }

    private struct DecodedInputs: Sendable {
        var base: RasterImage?
        var mask: RasterImage?
        var references: [Colour] = []
    }

    private func decodeInputs(_ request: GenerationRequest) async throws -> DecodedInputs {
        guard !request.inputs.images.isEmpty || !request.inputs.referenceImages.isEmpty else { return DecodedInputs() }
        let images = try request.inputs.images.map(bytes)
        let mask = try request.inputs.mask.map(bytes)
        let references = try request.inputs.referenceImages.map(bytes)
        return try await blocking.run {
            var decoded = DecodedInputs()
            decoded.base = try images.first.map(Self.decode)
            decoded.mask = try mask.map(Self.decode)
            decoded.references = try (images.dropFirst() + references).map { EditRenderer.averageColour(of: try Self.decode($0)) }
            if let base = decoded.base, let mask = decoded.mask, (mask.width, mask.height) != (base.width, base.height) {
                throw ProviderError(.rejected, "mask is \(mask.width)x\(mask.height) but the image is \(base.width)x\(base.height); they must match")
            }
            return decoded
        }
    }

    private static func decode(_ data: Data) throws -> RasterImage {
        do {
            return try ImageCodec.decode(data)
        } catch {
            throw ProviderError(.rejected, "input image cannot be decoded: \(error.message)")
        }
    }

    /// The bytes of an input; `local` has no network, so only `data:` URLs are accepted.
    private func bytes(_ input: InputImage) throws -> Data {
        switch input {
        case let .encoded(image):
            return image.data
        case let .url(url):
            guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ","), url[..<comma].hasSuffix(";base64"),
                  let data = Data(base64Encoded: String(url[url.index(after: comma)...])) else {
                throw ProviderError(.configuration, "the local provider works offline and cannot fetch \(url.prefix(60)); use a local file or a base64 data: URL")
            }
            return data
        }
    }

    /// The size asked for (`size`, or `aspect_ratio` with the long side at 1024), else an edit's
    /// input size, else 1024².
    private func outputSize(_ request: GenerationRequest, editing base: RasterImage?) throws -> PixelSize {
        let size = request.parameters.size ?? request.parameters.aspectRatio.flatMap(Self.size(forAspectRatio:))
            ?? base.map { PixelSize(width: $0.width, height: $0.height) }
            ?? PixelSize(width: Self.defaultSide, height: Self.defaultSide)
        guard size.width <= Self.maxSide, size.height <= Self.maxSide else {
            throw ProviderError(.rejected, "the local provider renders at most \(Self.maxSide)x\(Self.maxSide); \(size) requested")
        }
        return size
    }

    /// `W:H` with the long side at 1024 pixels.
    static func size(forAspectRatio ratio: String) -> PixelSize? {
        let parts = ratio.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { return nil }
        let long = Double(defaultSide)
        return parts[0] >= parts[1]
            ? PixelSize(width: defaultSide, height: max(1, Int((long * parts[1] / parts[0]).rounded())))
            : PixelSize(width: max(1, Int((long * parts[0] / parts[1]).rounded())), height: defaultSide)
    }

    /// The provider's own delivery format (`output_format`). PNG is written at a fast zlib level:
    /// it is an intermediate that outputs re-encode anyway.
    private func encodeSettings(_ parameters: GenerationParameters) throws -> (format: ImageFormat, settings: EncodeSettings) {
        let quality = parameters.outputCompression ?? 95
        switch parameters.outputFormat.flatMap(ImageFormat.init(rawValue:)) ?? .png {
        case .png: return (.png, .png(compressionLevel: 1))
        case .jpeg: return (.jpeg, .jpeg(quality: quality))
        case .webp: return (.webp, .webp(quality: quality))
        }
    }
}
