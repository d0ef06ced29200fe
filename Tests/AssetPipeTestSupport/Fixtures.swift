import Foundation
import AssetPipeProviders
import AssetPipeImaging
import AssetPipeBasics
import AssetPipeManifest

/// Fake image bytes and canned answers: the codecs are not needed to test the wire formats.
enum Fixtures {
    static let apiKey = "sk-test-SECRET-1234567890"
    static let baseURL = URL(string: "https://api.example.test/v1")!

    /// Accepts bytes that start with `PNG!` or `JPG!`, like a codec reading a header.
    static let validator: ImageValidator = { data in
        switch String(decoding: data.prefix(4), as: UTF8.self) {
        case "PNG!": return ImageHeader(format: .png, width: 64, height: 64, hasAlpha: true)
        case "JPG!": return ImageHeader(format: .jpeg, width: 64, height: 64, hasAlpha: false)
        default: throw ImagingError(.unrecognizedFormat, "not an image")
        }
    }

    /// Bytes that are not valid UTF-8 either, to prove the upload is binary-safe.
    static func imageBytes(_ tag: String, format: ImageFormat = .png) -> Data {
        Data((format == .png ? "PNG!" : "JPG!").utf8) + Data([0x00, 0xFF, 0x0D, 0x0A, 0x80]) + Data(tag.utf8)
    }

    static func image(_ tag: String, format: ImageFormat = .png, origin: ImageOrigin? = nil) -> EncodedImage {
        EncodedImage(data: imageBytes(tag, format: format),
                     header: ImageHeader(format: format, width: 64, height: 64, hasAlpha: format == .png), origin: origin)
    }

    static func config(_ name: String = "openai", api: ProviderAPI = .openai, editMode: ProviderConfig.EditMode = .multipart,
                       headers: [String: String] = [:], timeout: Double = 300, pollInterval: Double = 2,
                       models: [String: ModelCapabilities] = [:]) -> ProviderConfig {
        ProviderConfig(name: name, api: api, baseURL: baseURL, timeoutSeconds: timeout, headers: headers,
                       pollIntervalSeconds: pollInterval, editMode: editMode, models: models)
    }

    static func json(_ text: String, status: Int = 200, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return HTTPResponse(status: status, headers: headers, body: Data(text.utf8))
    }

    /// `{"data":[{"b64_json":…},…]}` with `count` fake images.
    static func images(_ count: Int = 1, extraItemFields: String = "") -> HTTPResponse {
        let items = (0..<count).map { index in
            #"{"b64_json":"\#(imageBytes("out\(index)").base64EncodedString())"\#(extraItemFields)}"#
        }
        return json(#"{"created":1,"data":[\#(items.joined(separator: ","))]}"#)
    }

    static func request(model: String = "gpt-image-1", prompt: String = "a red fox", parameters: GenerationParameters = .init(),
                        operation: Step.Operation = .generate, images: [InputImage] = [], mask: InputImage? = nil,
                        referenceImages: [InputImage] = []) -> GenerationRequest {
        GenerationRequest(stepID: "fox", model: model, operation: operation, prompt: prompt, parameters: parameters,
                          inputs: ImageInputs(images: images, mask: mask, referenceImages: referenceImages))
    }

    /// A request body as a dictionary, for assertions on JSON bodies.
    static func jsonObject(_ request: HTTPRequest) throws -> [String: Any] {
        try (JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
    }
}

/// One part of a multipart body, parsed back for assertions.
struct FormPart: Equatable {
    var headers: [String]
    var content: Data

    var name: String? { attribute("name") }
    var filename: String? { attribute("filename") }
    var contentType: String? {
        headers.first { $0.lowercased().hasPrefix("content-type:") }.map { String($0.dropFirst(13)).trimmingCharacters(in: .whitespaces) }
    }
    var text: String { String(decoding: content, as: UTF8.self) }

    private func attribute(_ key: String) -> String? {
        guard let disposition = headers.first(where: { $0.hasPrefix("Content-Disposition:") }),
              let range = disposition.range(of: "; \(key)=\"") else { return nil }
        return String(disposition[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Splits `body` on the boundary named in `contentType`.
    static func parse(_ body: Data, contentType: String?) -> [FormPart] {
        guard let boundary = contentType?.components(separatedBy: "boundary=").last else { return [] }
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [FormPart] = []
        var rest = body[...]
        while let start = rest.range(of: delimiter) {
            rest = rest[start.upperBound...]
            guard rest.starts(with: Data("\r\n".utf8)), let next = rest.range(of: delimiter) else { break }
            let chunk = rest[rest.index(rest.startIndex, offsetBy: 2)..<next.lowerBound].dropLast(2)
            guard let split = chunk.range(of: Data("\r\n\r\n".utf8)) else { break }
            let headers = String(decoding: chunk[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            parts.append(FormPart(headers: headers, content: Data(chunk[split.upperBound...])))
        }
        return parts
    }
}
