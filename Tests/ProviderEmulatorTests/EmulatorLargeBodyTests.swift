import Foundation
import Testing
@testable import AssetPipeBasics
@testable import ProviderEmulator
@testable import AssetPipeTestSupport

/// The emulator's handling of image-sized uploads: an upload is only decoded as text when a fault
/// rule may look for a marker in it.
@Suite struct EmulatorLargeBodyTests {
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
