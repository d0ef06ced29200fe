import AssetPipeBasics
import AssetPipeEngine
import AssetPipeProviders

/// `assetpipe batches MANIFEST [--cancel]`: the batches runs of this manifest submitted and have
/// not collected, with their state now, and the account's recent assetpipe batches; `--cancel`
/// cancels the open ones and collects what they finished (no new request is sent).
struct BatchesCommand {
    var console: Console
    var verbosity: Invocation.Verbosity

    func run(runner: Runner, caching: RunCaching, cancel: Bool,
             collect: (Runner) async -> Int32) async -> Int32 {
        let inventory = BatchInventory(manifest: runner.manifest, cache: caching.cache, environment: runner.environment,
                                       providerFactory: runner.providerFactory, clock: runner.clock, blocking: runner.blocking)
        let entries = cancel ? await inventory.cancel() : await inventory.open()
        if entries.isEmpty {
            if verbosity != .quiet { console.output("no open batches: every batch this cache's runs submitted is collected") }
        } else {
            printTable(entries)
        }
        if !cancel {
            if verbosity != .quiet { printRecent(await inventory.recent(), open: Set(entries.compactMap(\.record.batchID))) }
            return entries.contains { $0.problem != nil } ? AssetPipeCLI.ExitCode.stepFailed : AssetPipeCLI.ExitCode.success
        }
        guard !entries.isEmpty else { return AssetPipeCLI.ExitCode.success }
        // The cancelled batches are followed to their end and what they finished is stored.
        var collecting = runner
        collecting.options.batch.collectOnly = true
        collecting.options.batch.wait = true
        return await collect(collecting)
    }

    private func printTable(_ entries: [BatchInventory.Entry]) {
        var table = TextTable(rows: [["batch", "model", "state", "done", "failed", "lines", "created"]])
        for entry in entries {
            let record = entry.record
            let state = entry.remote?.status.rawValue ?? entry.problem.map { "unknown (\($0))" }
                ?? "not submitted (\(record.stage.rawValue))"
            table.rows.append([record.batchID ?? "-", record.model, state, entry.remote.map { "\($0.completed)" } ?? "-",
                       entry.remote.map { "\($0.failed)" } ?? "-", "\(record.lines.count)", record.createdAt])
        }
        table.lines().forEach(console.output)
        console.output("'assetpipe run' collects finished batches and waits for the others; 'assetpipe batches --cancel' cancels them")
    }

    private func printRecent(_ recent: [(provider: String, batches: [BatchObject])], open: Set<String>) {
        for (provider, batches) in recent {
            let collected = batches.filter { !open.contains($0.id) }
            guard !collected.isEmpty else { continue }
            console.output("recent batches on \(provider):")
            var table = TextTable(rows: [["batch", "state", "done", "failed", "total"]])
            for batch in collected {
                table.rows.append([batch.id, batch.status.rawValue, "\(batch.completed)", "\(batch.failed)", "\(batch.total)"])
            }
            table.lines().forEach(console.output)
        }
    }
}
