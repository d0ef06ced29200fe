import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// An edit chain that crosses providers hands each edit exactly what its upstream step
/// received, in the form the downstream provider takes: Opper's own `file_id`, the exact bytes as
/// a multipart file part, or a data URL for `edit_mode: inline`.
@Suite struct EndToEndEditChains {
    @Test func eachEditReceivesItsUpstreamImageInTheFormItsProviderTakes() async throws {
        let emulator = try EndToEnd.emulator(accounts: ["opper", "openai", "inline"].map { EndToEnd.account($0) })
        defer { emulator.stop() }
        let providers = [
            EndToEnd.provider("opper", .opper, at: emulator, account: "opper"),
            EndToEnd.provider("openai", .openai, at: emulator, account: "openai"),
            EndToEnd.provider("inline", .openai, at: emulator, account: "inline", editMode: .inline),
        ]
        let steps = [
            EndToEnd.step("A", "opper:openai/gpt-image-1"),
            EndToEnd.step("B", "opper:openai/gpt-image-1", edits: ["A"]),
            EndToEnd.step("C", "openai:gpt-image-1", edits: ["B"]),
            EndToEnd.step("D", "inline:gpt-image-1", edits: ["C"], outputs: [OutputSpec(path: "d.png", format: .png)]),
            EndToEnd.step("E", "openai:gpt-image-1", edits: ["B", "C"]),
        ]
        let manifest = EndToEnd.manifest(providers, steps)
        let report = try await EndToEnd.run(manifest, environment: EndToEnd.environment(["opper", "openai", "inline"]))

        #expect(report.outcomes.map(\.status) == Array(repeating: .succeeded, count: 5))
        let a = try #require(emulator.onlyRequest(forStep: "A"))
        let b = try #require(emulator.onlyRequest(forStep: "B"))
        let c = try #require(emulator.onlyRequest(forStep: "C"))
        let d = try #require(emulator.onlyRequest(forStep: "D"))
        let e = try #require(emulator.onlyRequest(forStep: "E"))

        // Within Opper: B refers to A's stored image by file_id; no bytes travel again.
        let aFileID = try #require(a.issuedFileIDs.first)
        #expect(b.path == "/v3/images")
        #expect(b.inputs == [RecordedInput(field: "image", form: .fileID(aFileID))])

        // To an OpenAI-compatible provider: B's exact bytes as the `image` file part.
        let bBytes = try #require(emulator.firstImageBytes(of: b))
        #expect(c.path == "/v1/images/edits")
        let cPart = try #require(c.body.files.first)
        #expect(c.body.files.count == 1)
        #expect(cPart.fieldName == "image")
        #expect(cPart.sha256 == SHA256.hex(bBytes))
        #expect(cPart.contentType == "image/png")
        #expect(cPart.filename?.hasSuffix(".png") == true)

        // edit_mode inline: C's exact bytes as a data URL in the JSON body of a generation.
        let cBytes = try #require(emulator.firstImageBytes(of: c))
        #expect(d.path == "/v1/images/generations")
        guard case let .dataURI(inlined)? = d.inputs.first?.form else {
            Issue.record("D's input is not a data URL: \(d.inputs)")
            return
        }
        #expect(d.inputs.count == 1 && d.inputs.first?.field == "image")
        #expect(inlined.sha256 == SHA256.hex(cBytes))
        #expect(inlined.contentType == "image/png")

        // Several inputs: repeated image[] parts, in the step's order, each the exact bytes.
        #expect(e.path == "/v1/images/edits")
        #expect(e.body.files.map(\.fieldName) == ["image[]", "image[]"])
        #expect(e.body.files.map(\.sha256) == [SHA256.hex(bBytes), SHA256.hex(cBytes)])
        #expect(e.body.files.allSatisfy { $0.contentType == "image/png" && $0.filename != nil })

        // The end of the chain is transcoded to its output from the bytes D received.
        let written = try Data(contentsOf: manifest.outputDirectory.appendingPathComponent("d.png"))
        let dBytes = try #require(emulator.firstImageBytes(of: d))
        #expect(try ImageCodec.decode(written) == ImageCodec.decode(dBytes))
    }

    @Test func parametersAModelRejectsAreNotSent() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EndToEnd.account("openai")],
                                             models: ["gpt-image-1": ModelBehavior(rejectedParameters: ["response_format"])])
        defer { emulator.stop() }
        let asURL = GenerationParameters.with(extra: .object([("response_format", .string("url"))]))
        let steps = [
            EndToEnd.step("gpt", "openai:gpt-image-1", parameters: asURL),
            EndToEnd.step("dalle", "openai:dall-e-3", parameters: asURL),
        ]
        let report = try await EndToEnd.run(EndToEnd.manifest([EndToEnd.provider("openai", .openai, at: emulator, account: "openai")], steps),
                                            environment: EndToEnd.environment(["openai"]))

        #expect(report.outcome("gpt")?.status == .succeeded)
        #expect(report.outcome("gpt")?.notes == ["dropped response_format url: gpt-image-1 does not take it"])
        let gpt = try #require(emulator.onlyRequest(forStep: "gpt"))
        #expect(gpt.body.json?["response_format"] == nil)
        #expect(gpt.status == 200)

        // DALL·E takes it: the image comes back as a URL, which the client downloads.
        #expect(report.outcome("dalle")?.status == .succeeded)
        let dalle = try #require(emulator.onlyRequest(forStep: "dalle"))
        #expect(dalle.body.json?["response_format"] == .string("url"))
        let fileID = try #require(dalle.issuedFileIDs.first)
        #expect(emulator.requests(path: "/files/\(fileID)").count == 1)
    }
}
