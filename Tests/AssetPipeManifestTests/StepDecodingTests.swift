import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct StepDecodingTests {
    private let fixture: ManifestFixture

    init() throws {
        fixture = try ManifestFixture()
    }

    private func onlyStep(_ step: String, fields: String = #""defaults": {"model": "local:studio"}"#) throws -> Step {
        try #require(try fixture.load(manifest(step, fields: fields)).steps.first)
    }

    // MARK: Ids

    @Test func idsAreRequiredUniqueAndSafe() {
        #expect(fixture.problem(manifest(#"{"prompt": "x"}"#))
                == #"steps[0].id: missing required field "id"; expected a step id of letters, digits, '.', '_' and '-' starting with a letter or digit"#)
        #expect(fixture.problem(manifest(#"{"id": "hero image", "prompt": "x"}"#))
                == #"steps[0].id: expected a step id of letters, digits, '.', '_' and '-' starting with a letter or digit, found "hero image""#)
        #expect(fixture.problem(manifest(#"{"id": "-hero", "prompt": "x"}"#)) != nil)
        #expect(fixture.problem(manifest(#"{"id": "\#(String(repeating: "a", count: 129))", "prompt": "x"}"#))
                == "steps[0].id: expected a step id of at most 128 characters, found 129 characters")
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x"}"#, #"{"id": "b", "prompt": "y"}"#, #"{"id": "a", "prompt": "z"}"#))
                == #"steps[2].id: duplicate step id "a"; steps[0] already has it"#)
    }

    @Test func acceptsIdsWithDotsDashesAndUnderscores() throws {
        #expect(try onlyStep(#"{"id": "Hero_2.final-v3", "prompt": "x"}"#).id == "Hero_2.final-v3")
        #expect(try onlyStep(#"{"id": "\#(String(repeating: "a", count: 128))", "prompt": "x"}"#).id.count == 128)
    }

    @Test func unknownStepFieldsSuggestTheIntendedOne() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x"}"#, #"{"id": "b", "prompt": "x"}"#, #"{"id": "c", "promt": "x", "prompt": "y"}"#))
                == #"steps[2].promt: unknown field "promt"; did you mean "prompt"?"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "output": []}"#))
                == #"steps[0].output: unknown field "output"; did you mean "outputs"?"#)
    }

    // MARK: Models

    @Test func modelRefsSplitAtTheFirstColon() throws {
        let fields = #""providers": {"opper": {"api": "opper", "base_url": "https://api.opper.ai/v3"}}"#
        let step = try onlyStep(#"{"id": "a", "prompt": "x", "model": "opper:openai/gpt-image-1", "fallbacks": ["local:a:b"]}"#, fields: fields)
        #expect(step.model == ModelRef(provider: "opper", model: "openai/gpt-image-1"))
        #expect(step.fallbacks == [ModelRef(provider: "local", model: "a:b")])
    }

    @Test func modelsMustNameADeclaredProvider() {
        let fields = #""providers": {"openai": {"api": "openai", "base_url": "https://api.openai.com/v1"}}"#
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "model": "opnai:gpt-image-1"}"#, fields: fields))
                == #"steps[0].model: unknown provider "opnai" in "opnai:gpt-image-1"; did you mean "openai"?"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "model": "replicate:flux"}"#, fields: fields))
                == #"steps[0].model: unknown provider "replicate" in "replicate:flux"; declared providers: local, openai"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "model": "gpt-image-1"}"#))
                == #"steps[0].model: expected a model "PROVIDER:MODEL" such as "local:studio", found "gpt-image-1""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "fallbacks": ["local:ok", "lcoal:m"]}"#))
                == #"steps[0].fallbacks[1]: unknown provider "lcoal" in "lcoal:m"; did you mean "local"?"#)
    }

    @Test func aStepWithoutAModelAfterDefaultsIsAnError() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x"}"#, fields: #""output_dir": "out""#))
                == #"steps[0].model: steps[0] has no model; set "model" ("PROVIDER:MODEL") on the step or in "defaults""#)
    }

    @Test func aBadDefaultModelIsReportedOnceNotPerStep() {
        let found = fixture.diagnostics(manifest(#"{"id": "a", "prompt": "x"}"#, #"{"id": "b", "prompt": "y"}"#,
                                                 fields: #""defaults": {"model": "nowhere:m"}"#))
        #expect(found.map(\.path) == ["defaults.model"])
    }

    // MARK: Defaults

    @Test func defaultsApplyToEveryStepThatDoesNotSetTheField() throws {
        let fields = #"""
            "defaults": {"model": "local:studio", "fallbacks": ["local:backup"], "n": 2, "size": "512x512",
                         "aspect_ratio": "1:1", "quality": "high", "background": "opaque", "style": "vivid",
                         "moderation": "low", "output_format": "webp", "output_compression": 70, "user": "ci",
                         "seed": 42, "parameters": {"steps": 30}}
            """#
        let loaded = try fixture.load(manifest(#"{"id": "inherits", "prompt": "x"}"#,
                                               #"{"id": "overrides", "prompt": "y", "model": "local:other", "n": 1, "quality": "low", "seed": -7, "parameters": {"cfg": 2.5}}"#,
                                               fields: fields))
        let inherited = try #require(loaded.step("inherits"))
        #expect(inherited.model == ModelRef(provider: "local", model: "studio"))
        #expect(inherited.fallbacks == [ModelRef(provider: "local", model: "backup")])
        #expect(inherited.parameters == GenerationParameters.with(
            n: 2, size: PixelSize(width: 512, height: 512), aspectRatio: "1:1", quality: "high", background: "opaque",
            style: "vivid", moderation: "low", outputFormat: "webp", outputCompression: 70, user: "ci", seed: 42,
            extra: .object([("steps", .number(30))])))

        let overriding = try #require(loaded.step("overrides"))
        #expect(overriding.model == ModelRef(provider: "local", model: "other"))
        #expect(overriding.parameters.n == 1 && overriding.parameters.quality == "low" && overriding.parameters[.seed] == -7)
        #expect(overriding.parameters.extra == .object([("cfg", .number(2.5))]))
        #expect(overriding.parameters.size == PixelSize(width: 512, height: 512))
    }

    @Test func defaultsAcceptOnlyTheFieldsAStepCanInherit() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x"}"#, fields: #""defaults": {"model": "local:m", "promt": "x"}"#))
                == #"defaults.promt: unknown field "promt"; known fields: model, fallbacks, n, size, aspect_ratio, quality, background, style, moderation, output_format, output_compression, user, seed, parameters"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x"}"#, fields: #""defaults": {"model": "local:m", "sise": "auto"}"#))
                == #"defaults.sise: unknown field "sise"; did you mean "size"?"#)
    }

    @Test func parametersPassThroughVerbatimInWrittenOrder() throws {
        let step = try onlyStep(#"{"id": "a", "prompt": "x", "parameters": {"z": [1, {"b": null, "a": true}], "input_fidelity": "high"}}"#)
        #expect(step.parameters.extra?.serialized() == #"{"z":[1,{"b":null,"a":true}],"input_fidelity":"high"}"#)
    }

    // MARK: Sizes

    @Test func sizesAreWidthXHeightWithALowercaseX() throws {
        #expect(try onlyStep(#"{"id": "a", "prompt": "x", "size": "1536x1024"}"#).parameters.size == PixelSize(width: 1536, height: 1024))
        #expect(try onlyStep(#"{"id": "a", "prompt": "x", "size": "1x16384"}"#).parameters.size == PixelSize(width: 1, height: 16384))
    }

    @Test func autoLeavesTheSizeUnsetEvenOverADefault() throws {
        let step = try onlyStep(#"{"id": "a", "prompt": "x", "size": "auto"}"#, fields: #""defaults": {"model": "local:m", "size": "1024x1024"}"#)
        #expect(step.parameters.size == nil)
    }

    @Test func theMultiplicationSignAndACapitalXAreCalledOut() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "1024×1024"}"#))
                == #"steps[0].size: use the letter x between width and height, not the multiplication sign ×: write "1024x1024""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "1024X768"}"#))
                == #"steps[0].size: use a lowercase x between width and height: write "1024x768""#)
    }

    @Test func malformedAndOutOfRangeSizesAreRejected() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "big"}"#))
                == #"steps[0].size: expected a size "WIDTHxHEIGHT" such as "1024x1024", found "big""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "1024 x 1024"}"#)) != nil)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "0x512"}"#))
                == #"steps[0].size: expected width and height from 1 to 16384, found "0x512""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "16385x512"}"#)) != nil)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": "99999999999999999999x1"}"#)) != nil)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "size": 1024}"#))
                == "steps[0].size: expected a string, found number 1024")
    }

    @Test func aspectRatiosArePositiveIntegers() throws {
        #expect(try onlyStep(#"{"id": "a", "prompt": "x", "aspect_ratio": "16:9"}"#).parameters.aspectRatio == "16:9")
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "aspect_ratio": "16/9"}"#))
                == #"steps[0].aspect_ratio: expected an aspect ratio "W:H" of positive integers such as "16:9", found "16/9""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "aspect_ratio": "0:1"}"#)) != nil)
    }

    // MARK: Other forwarded fields

    @Test func numericFieldsAreRangeChecked() {
        let found = fixture.diagnostics(manifest(#"{"id": "a", "prompt": "x", "n": 0, "output_compression": 101, "seed": 1.5}"#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "steps[0].n: expected an integer from 1 to 10, found 0",
            "steps[0].output_compression: expected an integer from 0 to 100, found 101",
            "steps[0].seed: expected an integer, found 1.5",
        ])
    }

    @Test func outputFormatIsOneOfTheThreeFormats() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "output_format": "jpg"}"#))
                == #"steps[0].output_format: expected one of "png", "jpeg", "webp", found "jpg"; did you mean "jpeg"?"#)
    }

    // MARK: Prompt and operation

    @Test func promptIsRequiredAndNotBlank() {
        #expect(fixture.problem(manifest(#"{"id": "a"}"#))
                == #"steps[0].prompt: missing required field "prompt"; expected a non-empty string"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "  "}"#))
                == #"steps[0].prompt: expected a non-empty string, found string "  ""#)
    }

    @Test func aVariationNeedsExactlyOneImageAndNoPrompt() throws {
        try fixture.writeFile("in.png")
        let step = try onlyStep(#"{"id": "v", "operation": "variation", "image": "in.png"}"#)
        #expect(step.operation == .variation && step.prompt.isEmpty)
        #expect(fixture.problem(manifest(#"{"id": "v", "operation": "variation"}"#))
                == #"steps[0].image: missing required field "image"; expected the one image a variation is made from"#)
        #expect(fixture.problem(manifest(#"{"id": "v", "operation": "variation", "image": ["in.png", "in.png"]}"#))
                == "steps[0].image: a variation is made from exactly one image, found 2")
        #expect(fixture.problem(manifest(#"{"id": "v", "operation": "varation", "prompt": "x"}"#))
                == #"steps[0].operation: expected one of "generate", "variation", found "varation"; did you mean "variation"?"#)
    }

    @Test func aMaskNeedsAnImage() throws {
        try fixture.writeFile("mask.png")
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "mask": "mask.png"}"#))
                == #"steps[0].mask: "mask" needs "image": a mask marks the area of an input image to edit"#)
    }
}
