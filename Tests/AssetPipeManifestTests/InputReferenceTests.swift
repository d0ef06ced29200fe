import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct InputReferenceTests {
    private let fixture: ManifestFixture

    init() throws {
        fixture = try ManifestFixture()
    }

    @Test func stepReferencesPickAnImageByIndex() throws {
        let loaded = try fixture.load(manifest(#"{"id": "icons", "prompt": "x", "n": 3}"#,
                                               #"{"id": "edit", "prompt": "y", "image": ["@icons", "@icons#2"], "reference_images": ["@icons#1"]}"#))
        let edit = try #require(loaded.step("edit"))
        #expect(edit.inputs.images == [.step(id: "icons", index: 0), .step(id: "icons", index: 2)])
        #expect(edit.inputs.referenceImages == [.step(id: "icons", index: 1)])
        #expect(edit.upstreamStepIDs == ["icons"])
    }

    @Test func anIndexMustBeBelowTheReferencedStepsN() {
        #expect(fixture.problem(manifest(#"{"id": "icons", "prompt": "x", "n": 3}"#, #"{"id": "edit", "prompt": "y", "image": "@icons#3"}"#))
                == #"steps[1].image: "@icons#3" asks for image 3 of step "icons", which makes 3 images, numbered 0 to 2 (n = 3)"#)
        #expect(fixture.problem(manifest(#"{"id": "one", "prompt": "x"}"#, #"{"id": "edit", "prompt": "y", "mask": "@one#1", "image": "@one"}"#))
                == #"steps[1].mask: "@one#1" asks for image 1 of step "one", which makes 1 image, numbered 0 (n = 1)"#)
    }

    @Test func theReferencedStepsNMayComeFromDefaults() throws {
        let loaded = try fixture.load(manifest(#"{"id": "a", "prompt": "x"}"#, #"{"id": "b", "prompt": "y", "image": "@a#3", "n": 1}"#,
                                               fields: #""defaults": {"model": "local:m", "n": 4}"#))
        #expect(loaded.step("b")?.inputs.images == [.step(id: "a", index: 3)])
    }

    @Test func unknownStepsGetADidYouMean() {
        #expect(fixture.problem(manifest(#"{"id": "balloon", "prompt": "x"}"#, #"{"id": "b", "prompt": "y", "image": "@ballon"}"#))
                == #"steps[1].image: "@ballon" refers to no step: no step has the id "ballon"; did you mean "balloon"?"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y", "reference_images": ["@zzz"]}"#))
                == #"steps[0].reference_images[0]: "@zzz" refers to no step: no step has the id "zzz""#)
    }

    @Test func malformedReferencesAreRejected() {
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y", "image": "@"}"#))
                == #"steps[0].image: expected a step id after '@' such as "@balloon", found "@""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y"}"#, #"{"id": "b", "prompt": "y", "image": "@a#first"}"#))
                == #"steps[1].image: expected an image number after '#' such as "@a#1", found "@a#first""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y", "image": []}"#))
                == "steps[0].image: expected a non-empty list, found an empty list")
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y", "image": [""]}"#))
                == "steps[0].image[0]: expected a non-empty string, found an empty string")
    }

    @Test func urlsPassThroughAsWritten() throws {
        let loaded = try fixture.load(manifest(#"{"id": "a", "prompt": "y", "image": ["https://cdn.example/a.png", "HTTP://x.example/b"], "mask": "data:image/png;base64,AAAA"}"#))
        #expect(loaded.steps[0].inputs.images == [.url("https://cdn.example/a.png"), .url("HTTP://x.example/b")])
        #expect(loaded.steps[0].inputs.mask == .url("data:image/png;base64,AAAA"))
    }

    @Test func filesResolveAgainstTheManifestsFolderAndMustExist() throws {
        let relative = try fixture.writeFile("art/base.png")
        let absolute = try fixture.writeFile("elsewhere/ref.png")
        let loaded = try fixture.load(manifest(#"{"id": "a", "prompt": "y", "image": "art/./base.png", "reference_images": ["\#(absolute.path)"]}"#))
        #expect(loaded.steps[0].inputs.images == [.file(path: relative.standardizedFileURL.path)])
        #expect(loaded.steps[0].inputs.referenceImages == [.file(path: absolute.standardizedFileURL.path)])

        let missing = fixture.directory.appendingPathComponent("art/missing.png").standardizedFileURL.path
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y", "image": "art/missing.png"}"#))
                == #"steps[0].image: no such file: \#(missing) (from "art/missing.png", relative to the manifest's folder)"#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "y", "image": "art"}"#))
                == "steps[0].image: expected an image file, found a folder: \(fixture.directory.appendingPathComponent("art").standardizedFileURL.path)")
    }

    @Test func dependencyCyclesAreNamedOnce() {
        let found = fixture.diagnostics(manifest(#"{"id": "a", "prompt": "x", "image": "@b"}"#,
                                                 #"{"id": "b", "prompt": "y", "image": "@a"}"#,
                                                 #"{"id": "c", "prompt": "z", "image": "@b"}"#))
        #expect(found.map { "\($0.path): \($0.message)" } == ["steps[0]: dependency cycle: a -> b -> a"])
        #expect(fixture.problem(manifest(#"{"id": "self", "prompt": "x", "image": "@self"}"#)) == "steps[0]: dependency cycle: self -> self")
    }
}
