@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator
/// What the progress lines of `assetpipe run --verbose` say each step did:
/// `✓ id  model  0.18s  → files` (generated), `✓ id  model  outputs re-rendered from cache  → …`,
/// `= id  up to date (cached)` and `- id  skipped: reason`.
struct ProgressLines {
    var generated: Set<String> = []
    var rerendered: Set<String> = []
    var cached: Set<String> = []
    /// Reason by step id.
    var skipped: [String: String] = [:]
    /// Generated lines per step id: a step generated twice in one run shows up here as 2.
    var generatedCount: [String: Int] = [:]

    /// Steps served from the cache, re-rendered or untouched.
    var reused: Set<String> { rerendered.union(cached) }

    init(_ lines: [String]) {
        for line in lines {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2 else { continue }
            let id = String(words[1])
            switch words[0] {
            case "✓" where line.contains("outputs re-rendered from cache"):
                rerendered.insert(id)
            case "✓":
                generated.insert(id)
                generatedCount[id, default: 0] += 1
            case "=":
                cached.insert(id)
            case "-":
                if let range = line.range(of: "skipped: ") { skipped[id] = String(line[range.upperBound...]) }
            default:
                break
            }
        }
    }

    /// `plan`'s verdict per step id, from its `N. id  model (api)  — verdict` lines.
    static func planLabels(_ lines: [String]) -> [String: String] {
        var labels: [String: String] = [:]
        for line in lines {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, words[0].hasSuffix("."), words[0].dropLast().allSatisfy(\.isNumber),
                  let dash = line.range(of: "  — ") else { continue }
            labels[String(words[1])] = String(line[dash.upperBound...])
        }
        return labels
    }
}
