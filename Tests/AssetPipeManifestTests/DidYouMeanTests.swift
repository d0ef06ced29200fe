import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct DidYouMeanTests {
    private let fields = ["id", "model", "prompt", "size", "outputs", "reference_images"]

    @Test func suggestsTheClosestKnownWord() {
        #expect(DidYouMean.suggestion(for: "promt", among: fields) == "prompt")
        #expect(DidYouMean.suggestion(for: "output", among: fields) == "outputs")
        #expect(DidYouMean.suggestion(for: "referenceImages", among: fields) == "reference_images")
        #expect(DidYouMean.suggestion(for: "reference-images", among: fields) == "reference_images")
    }

    @Test func countsATranspositionAsOneEditAndIgnoresCase() {
        #expect(DidYouMean.suggestion(for: "modle", among: fields) == "model")
        #expect(DidYouMean.suggestion(for: "Prompt", among: fields) == "prompt")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(DidYouMean.suggestion(for: "colour", among: fields) == nil)
        #expect(DidYouMean.hint(for: "colour", among: fields) == "")
        #expect(DidYouMean.hint(for: "sise", among: fields) == #"; did you mean "size"?"#)
    }
}
