import Foundation
import Testing
@testable import AssetPipeReporting

/// The report's JSON shape: snake_case names, absent optionals left out, and a round trip that
/// gives back what was written (the gallery and JUnit read reports other runs wrote).
@Suite struct ReportDocumentTests {
    static let sample = ReportDocument(
        assetpipeVersion: "0.1.0", manifest: "pack.json", manifestSha256: String(repeating: "a", count: 64),
        outputDir: "/tmp/out", startedAt: "2026-12-01T23:40:00Z", seconds: 1.5, result: .failed,
        totals: .init(steps: 2, generated: 1, cached: 0, outputsRerendered: 0, failed: 1, skipped: 0, interrupted: 0,
                      requests: 3, images: 1, filesWritten: 1, bytesWritten: 1234, spent: 0.04, savedByCache: 0,
                      estimatedRemaining: 0),
        steps: [
            .init(id: "hero", status: .generated, prompt: "a hero", operation: "generate", model: "opper:gpt-image-1",
                  size: "1024x1024", inputs: [], requests: 2, seconds: 1.2, cost: 0.04,
                  attempts: [.init(provider: "opper", model: "opper:gpt-image-1", attempt: 1, disposition: .retried,
                                   seconds: 0.2, httpStatus: 429, error: "rate limited"),
                             .init(provider: "opper", model: "opper:gpt-image-1", attempt: 2, disposition: .succeeded,
                                   seconds: 1.0)],
                  fallbacks: [],
                  outputs: [.init(path: "hero.png", format: "png", written: true, width: 1024, height: 1024, bytes: 1234,
                                  sha256: String(repeating: "b", count: 64))],
                  images: [.init(sha256: String(repeating: "c", count: 64), format: "png", width: 1024, height: 1024,
                                 fileId: "file_1")],
                  notes: [], revisedPrompts: []),
            .init(id: "hero-night", status: .failed, reason: "HTTP 400: refused", prompt: "at night", operation: "edit",
                  model: "opper:gpt-image-1", inputs: [.init(role: "image", step: "hero")], requests: 1, seconds: 0.1,
                  attempts: [], fallbacks: [], outputs: [], images: [], notes: [], revisedPrompts: []),
        ])

    @Test func fieldsAreSnakeCaseAndAbsentOptionalsAreLeftOut() throws {
        let text = String(decoding: try Self.sample.encoded(), as: UTF8.self)
        for name in ["\"report_version\"", "\"assetpipe_version\"", "\"manifest_sha256\"", "\"output_dir\"", "\"started_at\"",
                     "\"files_written\"", "\"saved_by_cache\"", "\"http_status\"", "\"file_id\"", "\"revised_prompts\""] {
            #expect(text.contains(name), "missing \(name)")
        }
        #expect(!text.contains("\"url\""))
        #expect(!text.contains("null"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func aWrittenReportReadsBackTheSame() throws {
        #expect(try ReportDocument.decode(try Self.sample.encoded()) == Self.sample)
    }
}
