import Foundation
import AssetPipeBasics
import AssetPipeImaging

/// Checks that bytes are an image and reads its header. Injected so that providers can be tested
/// with fake image bytes; production uses `ImageCodec.header(of:)`.
public typealias ImageValidator = @Sendable (Data) throws -> ImageHeader

/// Moves images between assetpipe and a provider, shared by every remote provider: reads the
/// images of an answer (base64 or URL, validated, never trusted) and turns inputs into what a
/// request needs (exact bytes, a data URL, or a URL as written).
struct ImageTransfer: Sendable {
    let client: ProviderHTTPClient
    let validator: ImageValidator

    static let codecValidator: ImageValidator = { data in try ImageCodec.header(of: data) }

    /// The JSON of an answer; a truncated or malformed body is unusable. Read with the library's
    /// parser (duplicate keys keep their first value, as gateways are not strict).
    func json(of response: HTTPResponse) throws(ProviderError) -> JSONValue {
        do {
            return try JSONParser.parse(response.body).value
        } catch {
            throw ProviderError(.unusableResponse, "the answer is not the expected JSON (\(response.body.count) bytes)",
                                httpStatus: response.status)
        }
    }

    /// `json` as an answer carrying its images (`data[]`); another shape is unusable.
    func payload(of json: JSONValue, status: Int) throws(ProviderError) -> ImagesPayload {
        do {
            return try ImagesPayload(json)
        } catch {
            throw ProviderError(.unusableResponse, "the answer is not the expected JSON: `data` is not a list of images",
                                httpStatus: status)
        }
    }

    /// Exactly `expected` validated images: fewer, or one that is not an image, makes the whole
    /// answer unusable — a 200 with nothing in it is a failure, not a success.
    func images(from items: [ImageItem], expected: Int) async throws -> (images: [EncodedImage], revisedPrompts: [String?]) {
        guard items.count >= expected else {
            throw ProviderError(.unusableResponse, "asked for \(expected) image(s), the answer holds \(items.count)")
        }
        var images: [EncodedImage] = []
        for (index, item) in items.prefix(expected).enumerated() {
            images.append(try await image(from: item, index: index))
        }
        return (images, items.prefix(expected).map(\.revisedPrompt))
    }

    private func image(from item: ImageItem, index: Int) async throws -> EncodedImage {
        let origin = item.fileID == nil && item.url == nil
            ? nil : ImageOrigin(provider: client.providerName, fileID: item.fileID, url: item.url)
        if let base64 = item.base64 {
            guard let data = Self.decodeBase64(base64) else {
                throw ProviderError(.unusableResponse, "image \(index) of the answer is not valid base64")
            }
            return try validated(data, origin: origin, what: "image \(index) of the answer")
        }
        if let url = item.url {
            var image = try await download(url, what: "image \(index) of the answer")
            image.origin = origin
            return image
        }
        throw ProviderError(.unusableResponse, "image \(index) of the answer has neither b64_json nor url")
    }

    /// Bytes the provider must receive as a file part: uploaded as they are, or fetched first
    /// when the manifest gave a URL.
    func bytes(of input: InputImage) async throws -> EncodedImage {
        switch input {
        case let .encoded(image):
            return image
        case let .url(text) where text.hasPrefix("data:"):
            guard let data = Self.decodeDataURL(text) else {
                throw ProviderError(.configuration, "an input data URL is not valid base64")
            }
            return try validated(data, origin: nil, what: "an input data URL", failure: .configuration)
        case let .url(text):
            return try await download(text, what: "input \(text)", failure: .configuration)
        }
    }

    /// What a JSON body carries for an input: a URL as written, or the bytes as a data URL.
    static func jsonReference(to input: InputImage) -> String {
        switch input {
        case let .encoded(image): return dataURL(image)
        case let .url(text): return text
        }
    }

    static func dataURL(_ image: EncodedImage) -> String {
        "data:\(image.format.mimeType);base64,\(image.data.base64EncodedString())"
    }

    /// How many times one URL is fetched before the download fails. A result image already exists
    /// and is paid for: failing the attempt on a CDN hiccup would make the executor POST (and pay
    /// for) a new generation, so transient failures are retried here, on the GET alone.
    static let downloadAttempts = 3

    /// The wait before the second fetch, doubled before each later one; a longer `Retry-After` wins.
    static let downloadBackoff: Duration = .milliseconds(500)

    /// GET through the provider's client (paced, with the deadline) and validate.
    private func download(_ text: String, what: String,
                          failure: ProviderError.Kind = .unusableResponse) async throws -> EncodedImage {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw ProviderError(failure, "\(what) has an unusable URL")
        }
        let response = try await fetch(url)
        return try validated(response.body, origin: nil, what: what, failure: failure)
    }

    /// `client.get`, again after a backoff on the run clock while the failure is transient (the
    /// executor's own classification: rate limits, 5xx, network, timeouts). An unusable answer
    /// (too large, a redirect loop) or a refusal would be the same the next time.
    private func fetch(_ url: URL) async throws -> HTTPResponse {
        var backoff = Self.downloadBackoff
        for _ in 1..<Self.downloadAttempts {
            do {
                return try await client.get(url)
            } catch let error as ProviderError where error.isRetryable && error.kind != .unusableResponse {
                try await client.clock.sleep(for: max(backoff, error.retryAfter ?? .zero))
                backoff *= 2
            }
        }
        return try await client.get(url)
    }

    /// `failure` tells a bad answer (worth another attempt) from a bad input (it will not improve);
    /// an image refused by the decoder's limits or as unsupported is permanent either way.
    private func validated(_ data: Data, origin: ImageOrigin?, what: String,
                           failure: ProviderError.Kind = .unusableResponse) throws -> EncodedImage {
        do {
            return EncodedImage(data: data, header: try validator(data), origin: origin)
        } catch {
            throw ProviderError(failure, "\(what) is not a usable image (\(data.count) bytes): \(error)",
                                permanent: (error as? ImagingError)?.isPermanent ?? false)
        }
    }

    /// Some gateways hand back a data URL where raw base64 belongs; accept both.
    private static func decodeBase64(_ text: String) -> Data? {
        text.hasPrefix("data:") ? decodeDataURL(text) : Base64.decode(text)
    }

    private static func decodeDataURL(_ text: String) -> Data? {
        guard let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64") else { return nil }
        return Base64.decode(text[text.index(after: comma)...])
    }
}
