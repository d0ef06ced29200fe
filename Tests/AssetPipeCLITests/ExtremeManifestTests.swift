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

/// No manifest crashes the process: every numeric and string field of a manifest that uses every
/// field, replaced in turn by extreme values, gives `validate` (and `plan`, when it validates) an
/// exit of 0, or 2 with a located diagnostic — never a signal. Run as the real binary, since a
/// runtime trap would take an in-process harness down with it.
@Suite struct ExtremeManifestTests {
    /// A valid manifest that sets every field the manifest format has, on every kind of provider.
    static let everyField = #"""
    {
      "version": 1,
      "output_dir": "out",
      "max_cost": 5,
      "prices": { "openai:gpt-image-9": { "low": 0.011, "high": 0.167 }, "opper:openai/gpt-image-1": { "medium": 0.042 },
                  "openai:dall-e-2": { "medium": 0.02 } },
      "providers": {
        "local": { "api": "local", "latency_ms": 5 },
        "slow": { "api": "local", "latency_ms": 10, "max_concurrent": 2 },
        "openai": {
          "api": "openai", "base_url": "https://api.example.test/v1", "api_key_env": "EXTREME_KEY",
          "max_concurrent": 4, "max_tasks_in_flight": 8, "requests_per_minute": 60, "timeout_s": 30,
          "headers": { "X-User": "u1" }, "retry": { "max_attempts": 3, "initial_backoff_s": 1, "max_backoff_s": 8 },
          "poll_interval_s": 2, "edit_mode": "inline",
          "models": { "gpt-image-9": {
            "extends": "gpt-image-1", "params": ["size", "quality"], "sizes": ["1024x1024", "auto"],
            "size_rule": { "multiple_of": 16, "max_aspect_ratio": 3, "max_side": 3840, "min_pixels": 655360, "max_pixels": 8294400 },
            "aspect_ratios": ["1:1"], "values": { "quality": ["low", "high"] }, "max_n": 4, "max_prompt_length": 32000,
            "max_input_images": 4, "supports_edits": true, "supports_variations": false, "transparent_background_formats": ["png"]
          } }
        },
        "opper": { "api": "opper", "base_url": "https://api.opper.test/v3", "api_key_env": "EXTREME_KEY" }
      },
      "defaults": {
        "model": "local:studio", "fallbacks": ["slow:studio"], "n": 1, "size": "64x64", "quality": "medium",
        "background": "opaque", "style": "vivid", "moderation": "auto", "output_format": "png", "output_compression": 90,
        "user": "artist", "seed": 7, "parameters": { "extra": { "depth": [1, "two"] } }
      },
      "steps": [
        { "id": "base", "prompt": "a castle", "n": 2, "aspect_ratio": "16:9", "size": "auto",
          "outputs": [ { "path": "base-{index}.png", "compression": 6 },
                       { "path": "thumbs/base-{index}.webp", "quality": 80, "resize": "32x32", "lossless": false },
                       { "path": "base-{index}.jpg", "format": "jpeg", "quality": 85, "matte": "#ffffff" } ] },
        { "id": "edit", "prompt": "add a moat", "image": ["@base", "@base#1"], "mask": "@base#1",
          "reference_images": ["data:image/png;base64,iVBORw0KGgo="], "model": "openai:gpt-image-9",
          "size": "1024x1024", "quality": "high",
          "fallbacks": ["opper:openai/gpt-image-1"], "outputs": [ { "path": "edit.png" } ] },
        { "id": "variant", "operation": "variation", "image": "@edit", "model": "openai:dall-e-2", "size": "256x256" }
      ]
    }
    """#

    /// A manifest whose steps break each capability of an overridden model, so that every message
    /// about capabilities is built — with each override field set to each extreme value.
    static let everyCapabilityProblem = #"""
    {
      "version": 1,
      "providers": {
        "openai": { "api": "openai", "base_url": "https://api.example.test/v1", "api_key_env": "EXTREME_KEY",
          "models": { "strict": {
            "extends": "gpt-image-1", "params": ["size", "quality", "background", "output_format"], "sizes": ["1024x1024"],
            "size_rule": { "multiple_of": 64, "max_aspect_ratio": 2, "max_side": 2048, "min_pixels": 1048576, "max_pixels": 2097152 },
            "aspect_ratios": ["1:1"], "values": { "quality": ["high"] }, "max_n": 1, "max_prompt_length": 10,
            "max_input_images": 1, "supports_edits": true, "supports_variations": false, "transparent_background_formats": ["webp"]
          } } }
      },
      "defaults": { "model": "openai:strict" },
      "steps": [
        { "id": "a", "prompt": "a prompt longer than ten characters", "n": 3, "size": "1000x300", "aspect_ratio": "3:1",
          "quality": "low", "background": "transparent", "output_format": "jpeg" },
        { "id": "b", "prompt": "short", "image": ["@a", "@a#1"] },
        { "id": "c", "operation": "variation", "image": "@a" }
      ]
    }
    """#

    /// What each number and string is replaced with: zero, a negative, minus zero, a fraction,
    /// beyond 64 bits, the edge of a double, empty and huge strings, and nesting just inside the
    /// parser's depth limit (beyond it the whole file is a parse error, whatever the field).
    static let extremes: [String] = [
        "0", "-1", "-0", "0.5", "1e19", "1e308", "\"\"", "\"" + String(repeating: "é", count: 40_000) + "\"",
        String(repeating: "{\"a\":[", count: JSONParser.maximumDepth / 2 - 4) + "1"
            + String(repeating: "]}", count: JSONParser.maximumDepth / 2 - 4),
    ]

    private static let environment = ["EXTREME_KEY": "sk-extreme-test", "PATH": "/usr/bin:/bin"]

    @Test func theManifestWithEveryFieldIsValid() async throws {
        let folder = try Self.write(Self.everyField)
        let validated = try await ChildProcess(["validate", "pack.json"], in: folder, environment: Self.environment).end(within: .seconds(30))
        #expect(validated.status == 0 && !validated.wasSignalled, "\(validated.stderr)")
    }

    @Test func everyFieldSetToAnExtremeValueExitsCleanly() async throws {
        let base = try JSONParser.parse(Data(Self.everyField.utf8)).value
        let cases = Self.leaves(of: base, at: []).flatMap { path in Self.extremes.map { (base, path, $0) } }
        #expect(cases.count > 700, "every leaf of the manifest gets every extreme value")
        try await Self.expectCleanEndings(cases)
    }

    @Test func everyCapabilityOverrideSetToAnExtremeValueExitsCleanlyWhileStepsBreakIt() async throws {
        let base = try JSONParser.parse(Data(Self.everyCapabilityProblem.utf8)).value
        let models: [Component] = [.key("providers"), .key("openai"), .key("models")]
        let cases = Self.leaves(of: base, at: []).filter { $0.starts(with: models, by: { $0.description == $1.description }) }
            .flatMap { path in Self.extremes.map { (base, path, $0) } }
        #expect(cases.count > 150)
        try await Self.expectCleanEndings(cases)
    }

    private static func expectCleanEndings(_ cases: [(JSONValue, [Component], String)]) async throws {
        var failures: [String] = []
        try await withThrowingTaskGroup(of: String?.self) { group in
            var pending = cases[...]
            func startNext() {
                guard let (base, path, extreme) = pending.popFirst() else { return }
                group.addTask { try await Self.check(base, replacing: path, with: extreme) }
            }
            for _ in 0..<max(ProcessInfo.processInfo.activeProcessorCount * 2, 2) { startNext() }
            while let result = try await group.next() {
                if let result { failures.append(result) }
                startNext()
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases ended badly:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// `validate`, then `plan` when it validates: nil when both ended as they should.
    private static func check(_ base: JSONValue, replacing path: [Component], with extreme: String) async throws -> String? {
        let marker = "\u{1}EXTREME\u{1}"
        let text = replacing(base, at: path[...], with: .string(marker)).serialized()
            .replacingOccurrences(of: JSONValue.string(marker).serialized(), with: extreme)
        let folder = try write(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let label = "\(path.map(\.description).joined()) = \(extreme.prefix(24))"
        for command in ["validate", "plan"] {
            let ending = try await ChildProcess([command, "pack.json"], in: folder, environment: environment).end(within: .seconds(30))
            if ending.wasSignalled { return "\(label): \(command) killed by signal \(ending.status)" }
            switch ending.status {
            case 0: continue
            case 2 where ending.stderr.contains("error: pack.json"): return nil
            default: return "\(label): \(command) exited \(ending.status): \(ending.stderr.prefix(300))"
            }
        }
        return nil
    }

    // MARK: Walking the manifest

    enum Component: CustomStringConvertible {
        case key(String)
        case index(Int)

        var description: String {
            switch self {
            case let .key(key): ".\(key)"
            case let .index(index): "[\(index)]"
            }
        }
    }

    /// Paths of every number and string in `value`.
    static func leaves(of value: JSONValue, at path: [Component]) -> [[Component]] {
        switch value {
        case .number, .string: [path]
        case let .array(items): items.enumerated().flatMap { leaves(of: $1, at: path + [.index($0)]) }
        case let .object(members): members.flatMap { leaves(of: $0.value, at: path + [.key($0.key)]) }
        case .bool, .null: []
        }
    }

    static func replacing(_ value: JSONValue, at path: ArraySlice<Component>, with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch (value, first) {
        case let (.array(items), .index(index)):
            var items = items
            items[index] = replacing(items[index], at: path.dropFirst(), with: replacement)
            return .array(items)
        case let (.object(members), .key(key)):
            return .object(members.map { $0.key == key ? ($0.key, replacing($0.value, at: path.dropFirst(), with: replacement)) : $0 })
        default:
            return value
        }
    }

    private static func write(_ text: String) throws -> URL {
        try CLIHarness.writeManifest(text).deletingLastPathComponent()
    }
}
