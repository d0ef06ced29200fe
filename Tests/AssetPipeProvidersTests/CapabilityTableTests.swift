import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    @Suite struct CapabilityTableTests {
        private let table = CapabilityTable.builtin

        @Test func theBuiltinTableDecodesWithItsWellKnownModels() {
            for model in ["gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "dall-e-2", "dall-e-3", "openai/gpt-image-1",
                          "gemini-2.5-flash-image", "google/imagen-4"] {
                #expect(table.capabilities(for: model) != nil, "\(model)")
            }
            let routed = table.capabilities(for: "openai/gpt-image-1")
            #expect(routed?.maxN == 4)
            #expect(routed?.sizes == table.capabilities(for: "gpt-image-1")?.sizes)
            #expect(routed?.values?["background"] != nil)
        }

        @Test func validateNamesEachProblem() {
            // More images than one request takes is not a problem: the step makes several requests.
            #expect(table.validate(GenerationParameters.with(n: 4), for: "dall-e-3") == [])
            #expect(table.validate(GenerationParameters.with(size: PixelSize(width: 800, height: 600)), for: "gpt-image-1")
                == ["size 800x600 is not accepted by gpt-image-1 (accepted: auto, 1024x1024, 1536x1024, 1024x1536)"])
            #expect(table.validate(GenerationParameters.with(background: "transparent", outputFormat: "jpeg"), for: "gpt-image-1")
                == ["background transparent needs output_format png or webp, not jpeg"])
            #expect(table.validate(GenerationParameters.with(quality: "hd"), for: "gpt-image-1").count == 1)
            #expect(table.validate(GenerationParameters(), for: "dall-e-3", inputImageCount: 1)
                == ["dall-e-3 does not take input images (text-to-image only)"])
            #expect(table.validate(GenerationParameters(), for: "gpt-image-1", operation: .variation) == ["gpt-image-1 does not make variations"])
            #expect(table.validate(GenerationParameters(), for: "dall-e-2", prompt: String(repeating: "x", count: 1001)).count == 1)
        }

        @Test func sizeRulesAcceptAnyConformingSize() {
            #expect(table.validate(GenerationParameters.with(size: PixelSize(width: 2048, height: 1152)), for: "gpt-image-1.5").isEmpty)
            #expect(table.validate(GenerationParameters.with(size: PixelSize(width: 3840, height: 1000)), for: "gpt-image-1.5").count == 1)
        }

        @Test func unknownModelsAreNeitherCheckedNorChanged() {
            let parameters = GenerationParameters.with(n: 9, size: PixelSize(width: 7, height: 3), style: "x",
                                                  extra: .object([("response_format", .string("url"))]))
            #expect(table.validate(parameters, for: "brand-new-model").isEmpty)
            let adapted = table.adapt(parameters, to: "brand-new-model")
            #expect(adapted.parameters == parameters)
            #expect(adapted.notes.isEmpty)
        }

        @Test func adaptDropsWhatTheModelDoesNotTakeButKeepsGatewayFields() {
            let parameters = GenerationParameters.with(quality: "hd", style: "vivid",
                                                  extra: .object([("response_format", .string("b64_json")),
                                                                  ("fallbacks", .array([.string("dall-e-3")]))]))
            let (adapted, notes) = table.adapt(parameters, to: "gpt-image-1")
            #expect(adapted.quality == nil)
            #expect(adapted[.style] == nil)
            #expect(adapted.extra == .object([("fallbacks", .array([.string("dall-e-3")]))]))
            #expect(notes.count == 3)
            #expect(notes.contains("dropped response_format b64_json: gpt-image-1 does not take it"))
        }

        @Test func adaptBridgesSizeAndAspectRatioBothWays() {
            let toRatio = table.adapt(GenerationParameters.with(size: PixelSize(width: 1536, height: 1024)), to: "gemini-2.5-flash-image")
            #expect(toRatio.parameters.aspectRatio == "3:2")
            #expect(toRatio.parameters.size == nil)
            let toSize = table.adapt(GenerationParameters.with(aspectRatio: "3:2"), to: "gpt-image-1")
            #expect(toSize.parameters.size == PixelSize(width: 1536, height: 1024))
            #expect(toSize.parameters.aspectRatio == nil)
            #expect(toSize.notes == ["aspect_ratio 3:2 sent as size 1536x1024: gpt-image-1 is sized in pixels"])
            let fallback = table.adapt(GenerationParameters.with(size: PixelSize(width: 1792, height: 1024)), to: "gpt-image-1")
            #expect(fallback.parameters.size == PixelSize(width: 1536, height: 1024))
            let ruled = table.adapt(GenerationParameters.with(aspectRatio: "16:9"), to: "gpt-image-1.5")
            #expect(ruled.parameters.size.map { $0.width % 16 == 0 && $0.height % 16 == 0 } == true)
        }

        @Test func providerEntriesOverrideAndExtendTheTable() throws {
            var dalle = ModelCapabilities()
            dalle.maxN = 2
            var newer = ModelCapabilities()
            newer.extends = "gpt-image-1"
            newer.sizes = ["2048x2048"]
            let overlaid = table.overlaid(with: ["dall-e-3": dalle, "gpt-image-2": newer])
            #expect(overlaid.validate(GenerationParameters.with(n: 2), for: "dall-e-3").isEmpty)
            #expect(overlaid.capabilities(for: "dall-e-3")?.sizes == table.capabilities(for: "dall-e-3")?.sizes)
            #expect(overlaid.validate(GenerationParameters.with(size: PixelSize(width: 2048, height: 2048)), for: "gpt-image-2").isEmpty)
            #expect(overlaid.capabilities(for: "gpt-image-2")?.maxN == 10)
            #expect(overlaid.capabilities(for: "dall-e-3")?.maxN == 2)
        }
    }
}
