import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeCache
@testable import AssetPipeTestSupport

@Suite struct CacheKeyMaterialTests {
    private let provider = ProviderConfig(name: "openai", api: .openai, baseURL: URL(string: "https://api.openai.com/v1"),
                                          apiKeyEnv: "SECRET_ENV_NAME", headers: ["Authorization": "Bearer sk-secret"])
    private let hashes: [InputRef: String] = [
        .step(id: "balloon", index: 0): String(repeating: "a", count: 64),
        .file(path: "/pack/mask.png"): String(repeating: "b", count: 64),
        .file(path: "/pack/style.png"): String(repeating: "c", count: 64),
    ]

    private func step(_ change: (inout Step) -> Void = { _ in }) -> Step {
        var step = Step(id: "hero", model: ModelRef(provider: "openai", model: "gpt-image-1"),
                        prompt: "a red balloon", parameters: GenerationParameters.with(n: 2, quality: "high"),
                        images: [.step(id: "balloon", index: 0)], mask: .file(path: "/pack/mask.png"),
                        referenceImages: [.file(path: "/pack/style.png")],
                        outputs: [OutputSpec(path: "hero.png", format: .png)])
        change(&step)
        return step
    }

    private func material(_ step: Step, provider: ProviderConfig? = nil, hashes: [InputRef: String]? = nil) throws -> KeyMaterial {
        try KeyMaterial(step: step, provider: provider ?? self.provider, inputHashes: hashes ?? self.hashes)
    }

    /// Keys of existing caches and lockfiles must not move: a key that changes makes every user pay
    /// again. These were computed before the parameter table existed.
    @Test func keysAreStableAcrossReleases() throws {
        var everything = step()
        everything.parameters = GenerationParameters.with(n: 3, size: PixelSize(width: 1536, height: 1024), aspectRatio: "3:2",
                                                     quality: "high", background: "transparent", style: "vivid", moderation: "low",
                                                     outputFormat: "webp", outputCompression: 80, user: "team-a",
                                                     seed: 9_007_199_254_740_993, extra: .object([("fallbacks", .array([.string("dall-e-3")]))]))
        var single = step()
        single.parameters = GenerationParameters()
        let keys = [try material(everything).key, try material(step()).key, try material(single).key]
        #expect(keys == ["efb5e93586fba7d42ddb47828c9186864bba359afced5c5a158628fa4bff9731", "acbc6266d081737816c151b9e4396c8a69f776d6df81e878bae6076807d6b589",
                         "be50e6d413d4882ebae11e56e1b8db1074d6158a86a76cf8d66f0219148c5795"])
    }

    @Test func identicalMaterialGivesIdenticalKeys() throws {
        let first = try material(step())
        let second = try material(step())
        #expect(first.key == second.key)
        #expect(first.key.count == 64)
        #expect(first.changedFields(from: second.fingerprints).isEmpty)
    }

    @Test(arguments: [
        ("prompt", { @Sendable (step: inout Step) in step.prompt = "a blue balloon" }),
        ("model", { @Sendable (step: inout Step) in step.model = ModelRef(provider: "openai", model: "dall-e-3") }),
        ("operation", { @Sendable (step: inout Step) in step.operation = .variation }),
        ("parameters", { @Sendable (step: inout Step) in step.parameters.n = 3 }),
        ("parameters", { @Sendable (step: inout Step) in step.parameters[.seed] = 7 }),
        ("parameters", { @Sendable (step: inout Step) in step.parameters.extra = .object([("steps", .number(30))]) }),
        ("image", { @Sendable (step: inout Step) in step.inputs.images = [.step(id: "balloon", index: 1)] }),
        ("mask", { @Sendable (step: inout Step) in step.inputs.mask = nil }),
        ("reference_images", { @Sendable (step: inout Step) in step.inputs.referenceImages = [] }),
    ] as [(String, @Sendable (inout Step) -> Void)])
    func eachStepFieldChangesTheKeyAndIsNamed(field: String, change: @Sendable (inout Step) -> Void) throws {
        let before = try material(step())
        let after = try material(step(change), hashes: hashes.merging([.step(id: "balloon", index: 1): "d"]) { $1 })
        #expect(after.key != before.key)
        #expect(after.changedFields(from: before.fingerprints) == [field])
    }

    @Test func aRegeneratedUpstreamChangesTheImageField() throws {
        let before = try material(step())
        let after = try material(step(), hashes: hashes.merging([.step(id: "balloon", index: 0): "e"]) { $1 })
        #expect(after.key != before.key)
        #expect(after.changedFields(from: before.fingerprints) == ["image"])
    }

    @Test func providerKindAndBaseURLAreKeyedButNotItsNameOrSecrets() throws {
        let before = try material(step())
        var renamed = provider
        renamed.name = "openai-eu"
        renamed.apiKeyEnv = "OTHER_ENV"
        renamed.headers = [:]
        #expect(try material(step(), provider: renamed).key == before.key)

        var moved = provider
        moved.baseURL = URL(string: "https://eu.api.openai.com/v1")
        let after = try material(step(), provider: moved)
        #expect(after.changedFields(from: before.fingerprints) == ["provider"])

        let text = before.fields.map { CanonicalJSON.string($0.value) }.joined()
        #expect(!text.contains("SECRET_ENV_NAME"))
        #expect(!text.contains("sk-secret"))
    }

    @Test func outputSettingsAndFallbacksNeverMatter() throws {
        let before = try material(step())
        let after = try material(step { step in
            step.outputs = [OutputSpec(path: "hero.webp", format: .webp, quality: 80, resize: PixelSize(width: 256, height: 256))]
            step.fallbacks = [ModelRef(provider: "opper", model: "gpt-image-1")]
        })
        #expect(after.key == before.key)
    }

    @Test func extraParametersAreCanonicalWhateverTheirKeyOrder() throws {
        let first = try material(step { $0.parameters.extra = .object([("a", .number(1)), ("b", .object([("y", .bool(true)), ("x", .null)]))]) })
        let second = try material(step { $0.parameters.extra = .object([("b", .object([("x", .null), ("y", .bool(true))])), ("a", .number(1.0))]) })
        #expect(first.key == second.key)
    }

    @Test func onlyParametersThatAreSetAppear() throws {
        let material = try material(step())
        #expect(CanonicalJSON.string(material.parameters) == #"{"n":2,"quality":"high"}"#)
    }

    @Test func largeSeedsStayDistinct() throws {
        let first = try material(step { $0.parameters[.seed] = .integer(1 << 60) })
        let second = try material(step { $0.parameters[.seed] = .integer((1 << 60) + 1) })
        #expect(first.key != second.key)
    }

    @Test func aURLInputWithoutAHashIsKeyedByItsText() throws {
        let first = try material(step { $0.inputs.images = [.url("https://example.com/a.png")] })
        let second = try material(step { $0.inputs.images = [.url("https://example.com/b.png")] })
        #expect(first.image == [SHA256.hex("https://example.com/a.png")])
        #expect(first.key != second.key)
    }

    @Test func aStepOrFileInputWithoutAHashIsAnError() {
        #expect(throws: KeyMaterialError(stepID: "hero", missingInputs: [.step(id: "balloon", index: 0)])) {
            try KeyMaterial(step: step(), provider: provider, inputHashes: hashes.filter { $0.key.upstreamStepID == nil })
        }
    }

    @Test func fingerprintsAreShortAndCoverEveryField() throws {
        let fingerprints = try material(step()).fingerprints
        #expect(fingerprints.keys.sorted() == KeyMaterial.fieldNames.sorted())
        #expect(fingerprints.values.allSatisfy { $0.count == 16 })
    }

    @Test func fieldsMissingFromAnOlderLockfileCountAsChanged() throws {
        var old = try material(step()).fingerprints
        old["mask"] = nil
        old["retired_field"] = "0123456789abcdef"
        #expect(try material(step()).changedFields(from: old) == ["mask"])
    }
}
