import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

/// The manifest as a whole: the issue's example, top-level fields, and how problems are reported.
@Suite struct ManifestLoaderTests {
    static let quickstart = #"""
    {
      "version": 1,
      "output_dir": "out",
      "providers": {
        "openai": { "api": "openai", "base_url": "https://api.openai.com/v1", "api_key_env": "OPENAI_API_KEY",
                    "max_concurrent": 4, "requests_per_minute": 50, "timeout_s": 120 }
      },
      "defaults": { "model": "local:studio", "size": "1024x1024", "quality": "medium" },
      "steps": [
        { "id": "balloon", "prompt": "a hot air balloon over green hills at dawn",
          "size": "1024x1024", "background": "transparent",
          "outputs": [ { "path": "balloon.png" },
                       { "path": "thumbs/balloon.webp", "quality": 80, "resize": "256x256" },
                       { "path": "balloon.jpg", "quality": 85, "matte": "#ffffff" } ] },
        { "id": "balloon-snow", "prompt": "put the balloon over a snowy mountain range",
          "image": "@balloon", "outputs": [ { "path": "balloon-snow.webp", "lossless": true } ] },
        { "id": "icons", "prompt": "flat game icon of a sword", "n": 3,
          "outputs": [ { "path": "icons/sword-{index}.png", "compression": 9 } ] }
      ]
    }
    """#

    @Test func loadsTheIssueExampleWithDefaultsAppliedAndNoKeyForTheUnusedProvider() throws {
        let fixture = try ManifestFixture()
        let loaded = try fixture.load(Self.quickstart)
        #expect(loaded.steps.map(\.id) == ["balloon", "balloon-snow", "icons"])
        #expect(loaded.outputDirectory.path == fixture.directory.appendingPathComponent("out").path)
        #expect(loaded.baseDirectory.standardizedFileURL.path == fixture.directory.standardizedFileURL.path)

        let balloon = try #require(loaded.step("balloon"))
        #expect(balloon.model == ModelRef(provider: "local", model: "studio"))
        #expect(balloon.parameters == GenerationParameters.with(n: 1, size: PixelSize(width: 1024, height: 1024),
                                                           quality: "medium", background: "transparent"))
        #expect(balloon.outputs == [
            OutputSpec(path: "balloon.png", format: .png),
            OutputSpec(path: "thumbs/balloon.webp", format: .webp, quality: 80, resize: PixelSize(width: 256, height: 256)),
            OutputSpec(path: "balloon.jpg", format: .jpeg, quality: 85, matte: .white),
        ])

        let snow = try #require(loaded.step("balloon-snow"))
        #expect(snow.inputs.images == [.step(id: "balloon", index: 0)])
        #expect(snow.parameters.size == PixelSize(width: 1024, height: 1024))
        #expect(snow.outputs == [OutputSpec(path: "balloon-snow.webp", format: .webp, lossless: true)])

        let icons = try #require(loaded.step("icons"))
        #expect(icons.parameters.n == 3)
        #expect(icons.outputs == [OutputSpec(path: "icons/sword-{index}.png", format: .png, compression: 9)])

        let openai = try #require(loaded.providers["openai"])
        #expect(openai == ProviderConfig(name: "openai", api: .openai, baseURL: URL(string: "https://api.openai.com/v1"),
                                         apiKeyEnv: "OPENAI_API_KEY", maxConcurrent: 4, requestsPerMinute: 50,
                                         timeoutSeconds: 120))
        #expect(loaded.providers["local"] == .local)
        #expect(loaded.maxCost == nil)
        #expect(loaded.prices.isEmpty)
    }

    @Test func reportsEveryProblemAtOnceWithExactPaths() throws {
        let fixture = try ManifestFixture()
        let found = fixture.diagnostics(#"""
        {"version": 1,
         "defaults": {"model": "local:studio", "size": "1024×1024"},
         "steps": [
           {"id": "a", "prompt": "x", "promt": "y"},
           {"id": "b", "prompt": "y", "n": 11},
           {"id": "c", "prompt": "z", "image": "@ghost"},
           {"id": "e", "prompt": "w", "outputs": [{"path": "e.jpg", "quality": 150}]}
         ]}
        """#)
        #expect(found.map(\.path) == ["defaults.size", "steps[0].promt", "steps[1].n", "steps[3].outputs[0].quality", "steps[2].image"])
        #expect(found.map(\.message) == [
            #"use the letter x between width and height, not the multiplication sign ×: write "1024x1024""#,
            #"unknown field "promt"; did you mean "prompt"?"#,
            "expected an integer from 1 to 10, found 11",
            "expected an integer from 0 to 100, found 150",
            #""@ghost" refers to no step: no step has the id "ghost""#,
        ])
        #expect(found.allSatisfy { $0.file == "pack.json" })
        #expect(found.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:48", "4:40", "5:36", "7:72", "6:40"])
        #expect(found[2].description == "pack.json:5:36: steps[1].n: expected an integer from 1 to 10, found 11")
    }

    @Test func aMissingFieldIsLocatedAtTheObjectThatShouldHoldIt() throws {
        let found = try ManifestFixture().diagnostics(#"""
        {"version": 1,
         "steps": [
            {"id": "a", "model": "local:studio", "size": "64x64"}
         ]}
        """#)
        #expect(found.map(\.path) == ["steps[0].prompt"])
        #expect(found.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["3:5"])
    }

    @Test func syntaxErrorsCarryLineAndColumn() throws {
        let found = try ManifestFixture().diagnostics("{\n  \"version\": 1,\n  \"steps\" []\n}")
        #expect(found == [ManifestDiagnostic(file: "pack.json", path: "", message: #"invalid JSON: expected ':' after the key "steps", found '['"#,
                                             line: 3, column: 11)])
        #expect(found.first?.description == #"pack.json:3:11: invalid JSON: expected ':' after the key "steps", found '['"#)
    }

    @Test func duplicateKeysAreReportedWithPathAndPosition() throws {
        let found = try ManifestFixture().diagnostics(manifest(#"{"id": "a", "prompt": "x",\#n "prompt": "y"}"#))
        #expect(found == [ManifestDiagnostic(file: "pack.json", path: "steps[0].prompt",
                                             message: "this field is written twice in the same object; keep one", line: 2, column: 2)])
    }

    @Test func versionMustBeOne() throws {
        let fixture = try ManifestFixture()
        #expect(fixture.problem(#"{"version": 2, "steps": [{"id": "a", "model": "local:m", "prompt": "x"}]}"#)
                == "version: expected 1, the only manifest version this assetpipe reads, found 2")
        #expect(fixture.problem(#"{"steps": [{"id": "a", "model": "local:m", "prompt": "x"}]}"#)
                == #"version: missing required field "version"; expected 1"#)
        #expect(fixture.problem(#"{"version": "1", "steps": [{"id": "a", "model": "local:m", "prompt": "x"}]}"#)
                == #"version: expected an integer, found string "1""#)
    }

    @Test func aSchemaReferenceIsAcceptedForEditors() throws {
        let fixture = try ManifestFixture()
        let loaded = try fixture.load(#"{"$schema": "../manifests/manifest.schema.json", "version": 1, "steps": [{"id": "a", "model": "local:m", "prompt": "x"}]}"#)
        #expect(loaded.steps.map(\.id) == ["a"])
        #expect(fixture.problem(#"{"$schema": 1, "version": 1, "steps": [{"id": "a", "model": "local:m", "prompt": "x"}]}"#)
                == #"["$schema"]: expected a string, found number 1"#)
    }

    @Test func unknownTopLevelFieldsSuggestTheNearestField() throws {
        let found = try ManifestFixture().diagnostics(#"{"version": 1, "step": [], "outptu_dir": "x", "colour": 1}"#)
        #expect(found.map { "\($0.path): \($0.message)" } == [
            #"step: unknown field "step"; did you mean "steps"?"#,
            #"outptu_dir: unknown field "outptu_dir"; did you mean "output_dir"?"#,
            #"colour: unknown field "colour"; known fields: $schema, version, output_dir, providers, defaults, steps, max_cost, prices"#,
            #"steps: missing required field "steps"; expected a non-empty list"#,
        ])
    }

    @Test func stepsMustBeANonEmptyListOfObjects() throws {
        let fixture = try ManifestFixture()
        #expect(fixture.problem(manifest()) == "steps: expected a non-empty list, found an empty list")
        #expect(fixture.problem(#"{"version": 1, "steps": {"a": {}}}"#) == "steps: expected a non-empty list, found an object")
        #expect(fixture.problem(manifest(#""a""#)) == #"steps[0]: expected an object, found string "a""#)
        #expect(fixture.problem("[1]") == ": expected a manifest object, found a list")
    }

    @Test func typeErrorsNameTheExpectedType() throws {
        let fixture = try ManifestFixture()
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "quality": 3}"#)) == "steps[0].quality: expected a string, found number 3")
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "seed": "7"}"#)) == #"steps[0].seed: expected an integer, found string "7""#)
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": "x", "parameters": []}"#)) == "steps[0].parameters: expected an object, found a list")
        #expect(fixture.problem(manifest(#"{"id": "a", "prompt": null}"#)) == "steps[0].prompt: expected a string, found null")
    }

    @Test func outputDirectoryDefaultsToOutBesideTheManifestAndCanBeOverridden() throws {
        let fixture = try ManifestFixture()
        let step = #"{"id": "a", "prompt": "x"}"#
        #expect(try fixture.load(manifest(step)).outputDirectory.path == fixture.directory.appendingPathComponent("out").path)
        let nested = try fixture.load(manifest(step, fields: #""output_dir": "build/../assets", "defaults": {"model": "local:m"}"#))
        #expect(nested.outputDirectory.path == fixture.directory.appendingPathComponent("assets").path)
        let absolute = try fixture.load(manifest(step, fields: #""output_dir": "/srv/assets", "defaults": {"model": "local:m"}"#))
        #expect(absolute.outputDirectory.path == "/srv/assets")
        let override = URL(fileURLWithPath: "/tmp/elsewhere")
        #expect(try fixture.load(manifest(step), outputDirectory: override).outputDirectory == override)
    }

    @Test func budgetAndPriceTableAreValidated() throws {
        let fixture = try ManifestFixture()
        let step = #"{"id": "a", "prompt": "x"}"#
        let fields = #""defaults": {"model": "local:m"}, "max_cost": 12.5, "prices": {"local:m": {"low": 0, "high": 0.25}}"#
        let loaded = try fixture.load(manifest(step, fields: fields))
        #expect(loaded.maxCost == 12.5)
        #expect(loaded.prices == ["local:m": ["low": 0, "high": 0.25]])

        let found = fixture.diagnostics(manifest(step, fields: #"""
            "defaults": {"model": "local:m"}, "max_cost": -1, "prices": {"locl:m": {"low": -0.5}, "gpt": 1}
            """#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "max_cost: expected a number of at least 0, found -1",
            #"prices["locl:m"]: unknown provider "locl" in "locl:m"; did you mean "local"?"#,
            #"prices["locl:m"].low: expected a number of at least 0, found -0.5"#,
            #"prices.gpt: expected a model "PROVIDER:MODEL" such as "local:studio", found "gpt""#,
            "prices.gpt: expected an object, found number 1",
        ])
    }

    @Test func readsFromDiskAndNamesTheFileAsTheUserDid() throws {
        let fixture = try ManifestFixture()
        try Data(manifest(#"{"id": "a", "prompt": "x"}"#).utf8).write(to: fixture.manifestURL)
        #expect(try ManifestLoader(environment: [:]).load(contentsOf: fixture.manifestURL).steps.count == 1)

        let missing = fixture.directory.appendingPathComponent("nope.json")
        #expect(throws: ManifestError.self) { try ManifestLoader().load(contentsOf: missing, displayPath: "nope.json") }
        do {
            _ = try ManifestLoader().load(contentsOf: missing, displayPath: "nope.json")
        } catch {
            #expect(error.description == "nope.json: cannot read the manifest: no such file")
        }
    }
}
