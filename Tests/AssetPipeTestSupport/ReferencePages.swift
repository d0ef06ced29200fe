import Foundation

/// The reference pages' request and response examples, kept verbatim in `Tests/ReferencePages/`
/// (see its README): the client's contract specs and the emulator's read the same files.
enum ReferencePages {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ReferencePages")

    /// The example `name` (`000-opper/generate.request.json`) as the page shows it.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}
