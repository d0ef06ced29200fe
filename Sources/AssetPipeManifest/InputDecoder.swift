import Foundation
import AssetPipeBasics

/// Reads `image`, `mask` and `reference_images` entries.
///
/// References to other steps are only checked for syntax here; whether the step exists and has
/// enough images is known once every step is read (see `ManifestDecoder`). Local files are
/// checked now, so a typo in a path fails `validate` rather than a paid run halfway through.
struct InputDecoder {
    /// The manifest's folder, which relative file paths are resolved against.
    let baseDirectory: URL

    var rule: ValueRule<Located<InputRef>> {
        ValueRule<String>.nonEmptyString.then("an image: \"@STEP\", \"@STEP#K\", an http(s) or data: URL, or a file path") { text in
            resolve(text)
        }.located
    }

    func resolve(_ text: String) -> Result<InputRef, Rejection> {
        if text.hasPrefix("@") { return Self.parseStepReference(text) }
        let lowercased = text.lowercased()
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") || lowercased.hasPrefix("data:") {
            return .success(.url(text))
        }
        let path = URL(fileURLWithPath: text, relativeTo: baseDirectory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Rejection("no such file: \(path) (from \(JSONValue.quoted(text)), relative to the manifest's folder)"))
        }
        guard !isDirectory.boolValue else {
            return .failure(Rejection("expected an image file, found a folder: \(path)"))
        }
        return .success(.file(path: path))
    }

    /// `@STEP` or `@STEP#K`.
    static func parseStepReference(_ text: String) -> Result<InputRef, Rejection> {
        let body = text.dropFirst()
        let parts = body.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let id = parts.first, !id.isEmpty else {
            return .failure(Rejection("expected a step id after '@' such as \"@balloon\", found \(JSONValue.quoted(text))"))
        }
        guard parts.count == 2 else { return .success(.step(id: String(id), index: 0)) }
        guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit), let index = Int(parts[1]) else {
            return .failure(Rejection("expected an image number after '#' such as \"@\(id)#1\", found \(JSONValue.quoted(text))"))
        }
        return .success(.step(id: String(id), index: index))
    }
}
