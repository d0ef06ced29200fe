import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeCache
import AssetPipeEngine

/// Where the fuzzed manifest pretends to live: a folder that does not exist, so relative inputs,
/// the cache and the lockfile resolve to nothing and an input is never a file on this machine.
private let home = URL(fileURLWithPath: "/nonexistent/assetpipe-fuzz", isDirectory: true)

/// The keys `api_key_env` usually names, so a provider's key check passes and the run goes on to
/// the capability check, as `validate` and `run` do on a configured machine.
private let environment = ["OPENAI_API_KEY": "sk-fuzz", "OPPER_API_KEY": "op-fuzz", "GATEWAY_API_KEY": "gw-fuzz"]

/// One input as `assetpipe plan` takes a manifest, minus the network: load, validate (with the
/// models' capabilities), order the steps, decide each verdict against an empty cache, price the
/// plan and lay out batch waves. A rejected manifest must come with at least one diagnostic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let loader = ManifestLoader(environment: environment)
    let manifest: Manifest
    do {
        manifest = try loader.loadCheckingCapabilities(data: data, fileURL: home.appendingPathComponent("assetpipe.json"))
    } catch {
        precondition(!error.diagnostics.isEmpty, "a rejected manifest has no diagnostic")
        _ = error.description
        return 0
    }
    guard let graph = try? StepGraph(steps: manifest.steps) else { return 0 }
    let cache = GenerationCache(directory: home.appendingPathComponent(".assetpipe/cache"))
    let check = FreshnessCheck(cache: cache, lockfile: nil,
                               outputStats: OutputStatCache(stateFile: home.appendingPathComponent(".assetpipe/outputs.json")),
                               outputDirectory: manifest.outputDirectory, forced: [])
    let planned = RunPlanner(manifest: manifest, check: check).plan(graph.ordered)
    let estimator = CostEstimator(manifest: manifest)
    for step in planned.steps { _ = step.estimatedCost(estimator) }
    let generating = Set(planned.steps.filter(\.verdict.generates).map(\.step.id))
    _ = BatchPlan(manifest: manifest, steps: graph.ordered, generating: generating, options: BatchOptions(mode: .all))
    return 0
}
