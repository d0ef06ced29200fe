import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// The test emulator follows the reference pages too: each page's request example, sent to it
/// verbatim, is answered in the page's documented shape, and its documented error is its error.
@Suite struct EmulatorContractTests {
    typealias H = EmulatorHarness

    private func send(_ emulator: ProviderEmulator, _ path: String, _ example: String,
                      replacing replacements: [String: String] = [:]) async throws -> H.Reply {
        var text = try ReferencePages.text(example)
        for (from, to) in replacements { text = text.replacingOccurrences(of: from, with: to) }
        let request = H.request(emulator.baseURL.appendingPathComponent(path), contentType: "application/json", body: Data(text.utf8))
        return try await H.send(request)
    }

    /// Every field of `documented` is in `actual`, with the same JSON kind (string, number, list, object).
    private func expectShape(_ actual: JSONValue?, like documented: JSONValue, at path: String = "",
                             sourceLocation: SourceLocation = #_sourceLocation) {
        guard let members = documented.objectMembers else {
            #expect(kind(actual) == kind(documented), "\(path): \(kind(actual)) instead of \(kind(documented))",
                    sourceLocation: sourceLocation)
            if let first = documented.arrayValue?.first, let actualFirst = actual?.arrayValue?.first {
                expectShape(actualFirst, like: first, at: path + "[0]", sourceLocation: sourceLocation)
            }
            return
        }
        for member in members {
            expectShape(actual?[member.key], like: member.value, at: "\(path).\(member.key)", sourceLocation: sourceLocation)
        }
    }

    private func kind(_ value: JSONValue?) -> String {
        switch value {
        case .string?: "a string"
        case .number?: "a number"
        case .array?: "a list"
        case .object?: "an object"
        case .bool?: "a boolean"
        case .null?: "null"
        case nil: "missing"
        }
    }

    private func documented(_ example: String) throws -> JSONValue {
        try JSONParser.parse(Data(try ReferencePages.text(example).utf8)).value
    }

    @Test func opperAnswersItsGenerateAndEditExamplesInThePagesShape() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let generated = try await send(emulator, "v3/images", "000-opper/generate.request.json")
        #expect(generated.status == 200)
        expectShape(generated.json, like: try documented("000-opper/generate.response.json"))
        let fileID = try #require(H.string(H.dataItems(generated).first?["file_id"]))
        let edited = try await send(emulator, "v3/images", "000-opper/edit.request.json", replacing: ["file_abc123": fileID])
        #expect(edited.status == 200)
        #expect(emulator.requests.last?.inputs == [RecordedInput(field: "image", form: .fileID(fileID))])
    }

    @Test func openGatewaysExampleIsAnsweredWithImagesAndUsage() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let reply = try await send(emulator, "v1/images/generations", "002-opengateway/generate.request.json")
        #expect(reply.status == 200)
        var expected = try documented("002-opengateway/generate.response.json")
        // `extra.routing` is the gateway's own extension: the emulator is the upstream, not the gateway.
        if case let .object(members) = expected { expected = .object(members.filter { $0.key != "extra" }) }
        expectShape(reply.json, like: expected)
    }

    @Test func theAsyncPlatformsExamplesAreAnsweredAsThePageShows() async throws {
        let emulator = try H.emulator(models: ["qwen-image-2.0": ModelBehavior(mode: .asynchronous(pollsBeforeCompletion: 1))])
        defer { emulator.stop() }
        let task = try await send(emulator, "v1/images/generations", "003-async-platform/generate.request.json")
        #expect(task.status == 200)
        expectShape(task.json, like: try documented("003-async-platform/async.response.json"))
        #expect(H.string(task.json?["status"]) == "QUEUED")

        let edit = try await send(emulator, "v1/images/generations", "003-async-platform/image-input.request.json")
        #expect(H.string(edit.json?["mode"]) == "edit")
        #expect(emulator.requests.last?.inputs == [RecordedInput(field: "image", form: .url("https://example.com/input.png"))])
    }

    @Test func theAsyncPlatformsDocumentedErrorIsTheEmulatorsError() async throws {
        let emulator = try H.emulator()
        defer { emulator.stop() }
        let refused = try await send(emulator, "v1/images/generations", "003-async-platform/generate.request.json",
                                     replacing: [#""quality": "auto""#: #""quality": "auto", "response_format": "png""#])
        #expect(refused.status == 400)
        #expect(refused.json == (try documented("003-async-platform/error.response.json")).merging(param: "response_format"))
        // The page's tip: a size written with × is a parameter error.
        let multiplication = try await send(emulator, "v1/images/generations", "003-async-platform/generate.request.json",
                                            replacing: ["1024x1024": "1024×1024"])
        #expect(multiplication.status == 400)
        #expect(H.string(multiplication.json?["error"]?["param"]) == "size")
    }
}

private extension JSONValue {
    /// The page's error body with the `param` field OpenAI-style error bodies also carry.
    func merging(param: String) -> JSONValue {
        guard case let .object(error)? = self["error"] else { return self }
        let members = error.flatMap { member -> [(key: String, value: JSONValue)] in
            member.key == "type" ? [member, ("param", .string(param))] : [member]
        }
        return .object([("error", .object(members))])
    }
}
