import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// `pack.lock.json`: what the last run produced for each step of `pack.json`, meant to be
/// committed next to it.
///
/// It lets a run with an empty cache (a fresh CI checkout) trust committed outputs whose hashes
/// match, lets `plan` explain a changed key field by field through the fingerprints, and makes
/// regenerated assets show up in code review. So the bytes are deterministic: keys sorted, 2-space
/// indent, no escaped slashes, one trailing newline; writing the same content twice gives the same
/// file.
public struct Lockfile: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    /// By step id.
    public var steps: [String: LockedStep]

    public init(version: Int = Lockfile.currentVersion, steps: [String: LockedStep] = [:]) {
        self.version = version
        self.steps = steps
    }

    /// `pack.json` → `pack.lock.json`; a manifest not named `*.json` gets `.lock.json` appended.
    public static func url(forManifest manifest: URL) -> URL {
        let name = manifest.lastPathComponent
        let base = name.hasSuffix(".json") ? String(name.dropLast(".json".count)) : name
        return manifest.deletingLastPathComponent().appendingPathComponent(base + ".lock.json")
    }

    /// The lockfile at `url`; nil when there is none, an error naming the file when it is not a
    /// lockfile this version understands (rather than silently regenerating and paying again).
    public static func load(from url: URL) throws(CacheError) -> Lockfile? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CacheError("\(url.path): cannot read lockfile: \(error.localizedDescription)")
        }
        let lockfile: Lockfile
        do {
            lockfile = try JSONDecoder().decode(Lockfile.self, from: data)
        } catch {
            throw CacheError("\(url.path): not a valid lockfile (\(Self.describe(error))); fix it or delete it")
        }
        guard lockfile.version == currentVersion else {
            throw CacheError("\(url.path): lockfile version \(lockfile.version) is not supported (expected \(currentVersion))")
        }
        return lockfile
    }

    /// The file's exact bytes.
    public func encoded() throws(CacheError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            // One layout for every JSON file assetpipe writes: sorted keys, 2-space indent.
            return try JSONValue(parsing: encoder.encode(self)).serializedData(sortedKeys: true, pretty: true) + Data("\n".utf8)
        } catch {
            throw CacheError("cannot encode lockfile: \(error)")
        }
    }

    /// Replaces the file at `url` atomically.
    public func write(to url: URL, storage: any FileStorage = DiskStorage()) throws(CacheError) {
        try CacheFiles.write(try encoded(), to: url, storage)
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?:
            return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?, let .dataCorrupted(context)?:
            return "\(context.debugDescription) at \(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "top level" : codingPath.map(\.stringValue).joined(separator: ".")
    }
}

/// One step's entry in the lockfile.
public struct LockedStep: Codable, Sendable, Equatable {
    /// The cache key the images were generated under.
    public var key: String
    /// `KeyMaterial.fingerprints`, so the next `plan` can name what changed.
    public var fingerprints: [String: String]
    /// The model ref that actually produced the images, after fallbacks.
    public var model: String
    public var images: [ImageRecord]
    /// By output path relative to the output folder.
    public var outputs: [String: LockedOutput]
    public var cost: Double?
    /// ISO-8601 UTC.
    public var generatedAt: String

    public init(key: String, fingerprints: [String: String], model: String, images: [ImageRecord],
                outputs: [String: LockedOutput], cost: Double?, generatedAt: String) {
        self.key = key
        self.fingerprints = fingerprints
        self.model = model
        self.images = images
        self.outputs = outputs
        self.cost = cost
        self.generatedAt = generatedAt
    }

    private enum CodingKeys: String, CodingKey {
        case key, fingerprints, model, images, outputs, cost
        case generatedAt = "generated_at"
    }
}

/// One output file as last written.
public struct LockedOutput: Codable, Sendable, Equatable {
    public var sha256: String
    /// The output settings in words (`webp q80 fit 256x256`): compared as text, so a change of
    /// format or quality alone is detected and re-transcoded without a request.
    public var settings: String
    /// What the file holds, so a report of a run that wrote nothing can still describe it
    /// (absent in lockfiles written before they were recorded).
    public var bytes: Int?
    public var width: Int?
    public var height: Int?

    public init(sha256: String, settings: String, bytes: Int? = nil, width: Int? = nil, height: Int? = nil) {
        self.sha256 = sha256
        self.settings = settings
        self.bytes = bytes
        self.width = width
        self.height = height
    }
}

extension LockedOutput {
    /// The settings that shape an output's bytes, in words: `webp q80 fit 256x256`,
    /// `png z9 matte #ffffff`, `webp lossless`. Only what is set appears, in a fixed order.
    public static func settings(for output: OutputSpec) -> String {
        var words = [output.format.rawValue]
        if output.lossless { words.append("lossless") }
        if let quality = output.quality { words.append("q\(quality)") }
        if let compression = output.compression { words.append("z\(compression)") }
        if let resize = output.resize { words.append("fit \(resize)") }
        if let matte = output.matte { words.append("matte \(matte)") }
        return words.joined(separator: " ")
    }
}
