import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeTestSupport

/// What goes on the wire and what goes into the cache key are derived from one table; this
/// proves it by behaviour: any parameter whose value changes a request body, on any API, also
/// changes the step's cache key — otherwise a changed manifest would be served a stale image.
@Suite struct CacheKeyCoversTheWireTests {
    /// Two different values a manifest could write for a parameter of `kind`.
    private static func samples(_ kind: GenerationParameter.Kind) -> (ParameterValue, ParameterValue) {
        switch kind {
        case .text: ("first", "second")
        case let .choice(choices): (.text(choices[0]), .text(choices[1]))
        case let .integer(range): range.map { (.integer($0.lowerBound), .integer($0.lowerBound + 1)) } ?? (7, 8)
        case .size: ("64x64", "128x96")
        case .aspectRatio: ("1:1", "16:9")
        }
    }

    /// Every request body the providers build for `parameters` — OpenAI JSON, OpenAI multipart
    /// (its fields, the boundary being random), Opper — as text.
    private static func bodies(_ parameters: GenerationParameters) -> [String] {
        let image = EncodedImage(data: Data([1, 2, 3]), header: ImageHeader(format: .png, width: 1, height: 1, hasAlpha: false))
        let form = OpenAIRequestBody.multipart(model: "m", prompt: "p", parameters: parameters, images: [image], mask: nil)
        let fields = FormPart.parse(form.encoded, contentType: form.contentType).map { "\($0.name ?? "")=\($0.text)" }
        return [
            OpenAIRequestBody.json(model: "m", prompt: "p", parameters: parameters).serialized(),
            fields.joined(separator: "&"),
            OpperRequestBody.json(model: "m", prompt: "p", parameters: parameters, image: [], mask: nil, referenceImages: []).serialized(),
        ]
    }

    private static func key(_ parameters: GenerationParameters) throws -> String {
        let step = Step(id: "s", model: ModelRef(provider: "p", model: "m"), prompt: "p", parameters: parameters)
        return try KeyMaterial(step: step, provider: ProviderConfig(name: "p", api: .openai), inputHashes: [:]).key
    }

    @Test(arguments: GenerationParameter.all)
    func aParameterThatChangesARequestChangesTheKey(_ parameter: GenerationParameter) throws {
        let kind = try #require(parameter.kind)
        let (first, second) = Self.samples(kind)
        var one = GenerationParameters(), other = GenerationParameters()
        one[parameter] = first
        other[parameter] = second
        #expect(Self.bodies(one) != Self.bodies(other), "\(parameter) never reaches a provider: is it still a parameter?")
        #expect(try Self.key(one) != Self.key(other), "\(parameter) changes what is sent but not the cache key")
        #expect(try Self.key(other) != Self.key(GenerationParameters()), "\(parameter) set or not set gives the same key")
    }

    @Test func theStepsParametersObjectIsInTheKeyToo() throws {
        let one = GenerationParameters(extra: .object([("steps", .number(30))]))
        let other = GenerationParameters(extra: .object([("steps", .number(40))]))
        #expect(Self.bodies(one) != Self.bodies(other))
        #expect(try Self.key(one) != Self.key(other))
    }
}
