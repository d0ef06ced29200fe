import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport

extension Providers {
    /// Where the capabilities `assetpipe models` shows come from: the manifest's override (what a
    /// run goes by), else the provider's own description, else the built-in table.
    @Suite struct ModelCatalogTests {
        private func entry(_ catalog: ModelCatalog, _ id: String) -> ModelCatalog.Entry? {
            catalog.entries.first { $0.model.id == id }
        }

        @Test func aDescribedModelIsShownAsTheProviderDescribesIt() throws {
            let listed = ListedModel(id: "openai/gpt-image-1", sizes: ["1024x1024"], supportsEdits: true)
            let catalog = ModelCatalog(ModelList(models: [listed]), overrides: [:], used: [])
            #expect(entry(catalog, "openai/gpt-image-1") == ModelCatalog.Entry(model: listed, source: .provider))
        }

        @Test func aModelListedByNameOnlyTakesTheBuiltInTable() throws {
            let catalog = ModelCatalog(ModelList(models: [ListedModel(id: "dall-e-3"), ListedModel(id: "flux-pro")]), overrides: [:], used: [])
            let dalle = try #require(entry(catalog, "dall-e-3"))
            #expect(dalle.source == .builtinTable)
            #expect(dalle.model.sizes == ["1024x1024", "1792x1024", "1024x1792"])
            #expect(dalle.model.supportsEdits == false)
            #expect(entry(catalog, "flux-pro") == ModelCatalog.Entry(model: ListedModel(id: "flux-pro"), source: .provider))
        }

        @Test func aManifestOverrideWinsAndLeavesWhatItDoesNotSetToTheOthers() throws {
            var sizes = ModelCapabilities()
            sizes.sizes = ["2048x2048"]
            var count = ModelCapabilities()
            count.maxN = 2
            let list = ModelList(models: [ListedModel(id: "gpt-image-1"), ListedModel(id: "new-model", aspectRatios: ["1:1"], supportsEdits: true)])
            let catalog = ModelCatalog(list, overrides: ["gpt-image-1": sizes, "new-model": count], used: [])
            let gpt = try #require(entry(catalog, "gpt-image-1"))
            #expect(gpt.source == .manifestOverride)
            #expect(gpt.model.sizes == ["2048x2048"])
            #expect(gpt.model.supportsEdits == true, "from the built-in table")
            #expect(entry(catalog, "new-model") == ModelCatalog.Entry(
                model: ListedModel(id: "new-model", aspectRatios: ["1:1"], supportsEdits: true), source: .manifestOverride))
        }

        @Test func aListedModelTheManifestUsesIsOfferedEvenWhenItMakesNoImages() {
            let list = ModelList(models: [ListedModel(id: "gpt-image-1")], otherModels: ["gpt-4o", "whisper-1"])
            let catalog = ModelCatalog(list, overrides: [:], used: ["gpt-4o", "gpt-imgae-1"])
            #expect(catalog.ids == ["gpt-image-1", "gpt-4o"])
            #expect(catalog.otherModels == ["whisper-1"])
            #expect(catalog.offers("gpt-4o"))
            #expect(!catalog.offers("gpt-imgae-1"))
        }

        @Test func aProviderThatTakesAnyNameOffersEveryModel() {
            let catalog = ModelCatalog(ModelList(models: [], acceptsAnyName: true), overrides: [:], used: ["studio"])
            #expect(catalog.offers("studio") && catalog.offers("anything"))
        }
    }
}
