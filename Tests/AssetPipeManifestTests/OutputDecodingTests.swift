import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct OutputDecodingTests {
    private let fixture: ManifestFixture

    init() throws {
        fixture = try ManifestFixture()
    }

    /// One step with `n` images and the given outputs.
    private func withOutputs(_ outputs: String, n: Int = 1) -> String {
        manifest(#"{"id": "a", "prompt": "x", "n": \#(n), "outputs": [\#(outputs)]}"#)
    }

    private func outputs(_ outputs: String, n: Int = 1) throws -> [OutputSpec] {
        try fixture.load(withOutputs(outputs, n: n)).steps[0].outputs
    }

    @Test func theFormatComesFromTheExtensionUnlessGiven() throws {
        #expect(try outputs(#"{"path": "a.png"}, {"path": "b.JPG"}, {"path": "c.jpeg"}, {"path": "d.webp"}, {"path": "e.img", "format": "webp"}"#)
                .map(\.format) == [.png, .jpeg, .jpeg, .webp, .webp])
        #expect(fixture.problem(withOutputs(#"{"path": "a.gif"}"#))
                == #"steps[0].outputs[0].format: cannot tell the format of "a.gif" from its extension; add "format": "png", "jpeg" or "webp", or end the path with .png, .jpg, .jpeg or .webp"#)
        #expect(fixture.problem(withOutputs(#"{"path": "a.png", "format": "gif"}"#))
                == #"steps[0].outputs[0].format: expected one of "png", "jpeg", "webp", found "gif""#)
    }

    @Test func readsEveryEncoderSetting() throws {
        #expect(try outputs(##"{"path": "a.jpg", "quality": 0, "resize": "256x128", "matte": "#FF8800"}, {"path": "b.webp", "lossless": true, "matte": "#000000"}, {"path": "c.png", "compression": 0}"##) == [
            OutputSpec(path: "a.jpg", format: .jpeg, quality: 0, resize: PixelSize(width: 256, height: 128), matte: RGBColor(red: 255, green: 136, blue: 0)),
            OutputSpec(path: "b.webp", format: .webp, lossless: true, matte: RGBColor(red: 0, green: 0, blue: 0)),
            OutputSpec(path: "c.png", format: .png, compression: 0),
        ])
    }

    @Test func eachSettingBelongsToItsFormat() {
        let found = fixture.diagnostics(withOutputs(#"""
            {"path": "a.png", "quality": 80}, {"path": "b.webp", "quality": 80, "lossless": true},
            {"path": "c.jpg", "lossless": false}, {"path": "d.jpg", "compression": 6}
            """#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            #"steps[0].outputs[0].quality: "quality" does not apply to png, which is lossless; use "compression" (0 to 9) for png"#,
            #"steps[0].outputs[1].quality: "quality" cannot be combined with "lossless": true; lossless webp has no quality setting"#,
            #"steps[0].outputs[2].lossless: "lossless" applies only to webp, this output is jpeg"#,
            #"steps[0].outputs[3].compression: "compression" applies only to png, this output is jpeg; use "quality" (0 to 100)"#,
        ])
    }

    @Test func settingsAreRangeAndFormatChecked() {
        let found = fixture.diagnostics(withOutputs(#"""
            {"path": "a.jpg", "quality": -1, "resize": "64×64", "matte": "white"}, {"path": "b.png", "compression": 10},
            {"path": "c.webp", "lossless": "yes", "size": "1x1"}, {"format": "png"}, "d.png"
            """#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "steps[0].outputs[0].quality: expected an integer from 0 to 100, found -1",
            #"steps[0].outputs[0].resize: use the letter x between width and height, not the multiplication sign ×: write "64x64""#,
            ##"steps[0].outputs[0].matte: expected a colour "#rrggbb" such as "#ffffff", found "white""##,
            "steps[0].outputs[1].compression: expected an integer from 0 to 9, found 10",
            #"steps[0].outputs[2].size: unknown field "size"; did you mean "resize"?"#,
            #"steps[0].outputs[2].lossless: expected true or false, found string "yes""#,
            #"steps[0].outputs[3].path: missing required field "path"; expected a relative file path"#,
            #"steps[0].outputs[4]: expected an object, found string "d.png""#,
        ])
    }

    @Test func anEmptyOrAbsentOutputListIsAllowed() throws {
        #expect(try outputs("").isEmpty)
        #expect(try fixture.load(manifest(#"{"id": "a", "prompt": "x"}"#)).steps[0].outputs.isEmpty)
    }

    @Test func severalImagesNeedAnIndexPlaceholder() throws {
        #expect(fixture.problem(withOutputs(#"{"path": "icons/sword.png"}"#, n: 3))
                == #"steps[0].outputs[0].path: the step makes 3 images (n = 3), so the path must contain {index} to give each its own file; found "icons/sword.png""#)
        #expect(try outputs(#"{"path": "icons/{index}/sword.png"}"#, n: 3).first?.path(forIndex: 2) == "icons/2/sword.png")
        #expect(fixture.problem(withOutputs(#"{"path": "icons/sword-{idx}.png"}"#, n: 2))
                == #"steps[0].outputs[0].path: unknown placeholder "{idx}" in "icons/sword-{idx}.png"; the only placeholder is "{index}""#)
    }

    @Test func pathsStayInsideTheOutputFolder() throws {
        #expect(fixture.problem(withOutputs(#"{"path": "/etc/passwd.png"}"#))
                == #"steps[0].outputs[0].path: output paths are relative to the output folder, found the absolute path "/etc/passwd.png""#)
        #expect(fixture.problem(withOutputs(#"{"path": "../outside.png"}"#))
                == #"steps[0].outputs[0].path: "../outside.png" escapes the output folder through '..'"#)
        #expect(fixture.problem(withOutputs(#"{"path": "a/../../{index}.png"}"#, n: 2)) != nil)
        #expect(fixture.problem(withOutputs(#"{"path": "a/..", "format": "png"}"#))
                == #"steps[0].outputs[0].path: expected a file path, found "a/..", which names a folder"#)
        #expect(try outputs(#"{"path": "./thumbs//x/../a.png"}"#).first?.path == "thumbs/a.png")
    }

    @Test func twoOutputsWritingOneFileAreNamedTogether() {
        #expect(fixture.problem(withOutputs(#"{"path": "a.png"}, {"path": "./a.png", "compression": 9}"#))
                == #"steps[0].outputs[1].path: writes the same file "a.png" as steps[0].outputs[0].path"#)
        let acrossSteps = manifest(#"{"id": "a", "prompt": "x", "n": 2, "outputs": [{"path": "set/img-{index}.png"}]}"#,
                                   #"{"id": "b", "prompt": "y", "outputs": [{"path": "set/img-1.png"}]}"#)
        #expect(fixture.problem(acrossSteps) == #"steps[1].outputs[0].path: writes the same file "set/img-1.png" as steps[0].outputs[0].path"#)
        let differentFormats = manifest(#"{"id": "a", "prompt": "x", "outputs": [{"path": "a.png"}, {"path": "a.webp"}]}"#)
        #expect(throws: Never.self) { try fixture.load(differentFormats) }
    }
}
