import AssetPipe
import Foundation
import Testing
@testable import ProviderEmulator

/// The emulator's handling of image-sized bodies: a response's megabytes of base64 are written
/// as whole runs (escaping only what JSON requires), and an upload is only decoded as text when
/// a fault rule may look for a marker in it.
@Suite struct EmulatorLargeBodyTests {
    @Test func writesLongStringsExactlyEscapingOnlyWhatJSONRequires() throws {
        let base64 = Data((0..<30_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString()
        let text = base64 + "\u{1}\"\\\t é😀" + base64.prefix(100)
        let written = JSONWriter.data(.object([("b64_json", .string(text))]))
        #expect(try JSONReader.parse(written) == .object([("b64_json", .string(text))]))
        let expected = #"{"b64_json":""# + base64 + #"\u0001\"\\\t é😀"# + base64.prefix(100) + #""}"#
        #expect(written == Data(expected.utf8))
    }

    @Test func aMarkerRuleStillFindsItsMarkerInsideAMultipartUpload() async throws {
        let emulator = try EmulatorHarness.emulator()
        defer { emulator.stop() }
        emulator.inject(.status(503), matching: .marker("upload-marker-7"))
        var form = EmulatorHarness.Multipart()
        form.field("model", "gpt-image-1")
        form.field("prompt", "edit it")
        form.file("image", filename: "a.png", contentType: "image/png", Data("PNG upload-marker-7 bytes".utf8))
        let reply = try await EmulatorHarness.postMultipart(emulator.openAIBaseURL.appendingPathComponent("images/edits"), form)
        #expect(reply.status == 503)
        #expect(emulator.pendingFaults.isEmpty)
    }
}
