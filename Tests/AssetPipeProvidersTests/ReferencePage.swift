import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

/// The verbatim examples of the reference pages, and how a contract compares against them.
enum Page {
    /// The pages elide base64 as `iVBORw0KGgo...` (the start of every PNG); answers carry this real
    /// PNG in its place.
    static let elidedBase64 = "iVBORw0KGgo..."
    static let image: Data = (try? ImageCodec.encode(RasterImage(width: 4, height: 4, hasAlpha: false,
                                                                 pixels: [UInt8](repeating: 200, count: 48)),
                                                     .png(compressionLevel: 1))) ?? Data()

    /// Parameters on the wire default to these where a page's example leaves them out (`n`: 1 on
    /// every page that documents it).
    static let documentedDefaults: [String: Int] = ["n": 1]

    static func text(_ name: String) throws -> String {
        try ReferencePages.text(name)
    }

    static func answer(_ name: String, status: Int = 200) throws -> HTTPResponse {
        answer(text: try text(name), status: status)
    }

    static func answer(text: String, status: Int = 200) -> HTTPResponse {
        Fixtures.json(text.replacingOccurrences(of: elidedBase64, with: image.base64EncodedString()), status: status)
    }

    static func routerParameters(_ endpoint: String) throws -> [String] {
        let tables = try JSONSerialization.jsonObject(with: Data(try text("001-router/parameters.json").utf8)) as? [String: [String]]
        return tables?[endpoint] ?? []
    }

    static func config(_ name: String, _ api: ProviderAPI, _ baseURL: String, headers: [String: String] = [:],
                       editMode: ProviderConfig.EditMode = .multipart) -> ProviderConfig {
        ProviderConfig(name: name, api: api, baseURL: URL(string: baseURL), headers: headers, editMode: editMode)
    }

    static func request(model: String, prompt: String, size: String? = nil, quality: String? = nil,
                        parameters: GenerationParameters? = nil, operation: Step.Operation = .generate,
                        images: [InputImage] = [], mask: InputImage? = nil) -> GenerationRequest {
        let size = size.flatMap { try? PixelSize.parse($0).get() }
        return GenerationRequest(stepID: "contract", model: model, operation: operation, prompt: prompt,
                                 parameters: parameters ?? GenerationParameters.with(size: size, quality: quality),
                                 inputs: ImageInputs(images: images, mask: mask))
    }

    /// `sent` goes to `url` by `method`, authenticated, with the JSON body of the example `body`:
    /// the same fields and values in any order; a field at its documented default may be left
    /// out on either side.
    static func expectRequest(_ sent: HTTPRequest, _ method: String, _ url: String, body: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(sent.method == method, sourceLocation: sourceLocation)
        #expect(sent.url.absoluteString == url, sourceLocation: sourceLocation)
        #expect(sent.headers["Authorization"] == "Bearer \(ReferencePageContractTests.apiKey)", sourceLocation: sourceLocation)
        #expect(sent.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
        var actual = try #require(try JSONSerialization.jsonObject(with: sent.body) as? [String: Any], sourceLocation: sourceLocation)
        var documented = try #require(try JSONSerialization.jsonObject(with: Data(try text(body).utf8)) as? [String: Any],
                                      sourceLocation: sourceLocation)
        for (key, value) in documentedDefaults {
            if (actual[key] as? NSNumber)?.intValue == value { actual[key] = nil }
            if (documented[key] as? NSNumber)?.intValue == value { documented[key] = nil }
        }
        #expect(NSDictionary(dictionary: actual).isEqual(to: documented), "sent \(actual), the page shows \(documented)",
                sourceLocation: sourceLocation)
    }
}
