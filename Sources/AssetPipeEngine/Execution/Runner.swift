import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache

/// Executes a manifest's dependency graph: each step starts as soon as every step it consumes
/// has finished, independent steps run concurrently within the per-provider and global limits,
/// a failure skips exactly the steps downstream of it, and — with a cache — only the steps whose
/// inputs changed make requests.
public struct Runner: Sendable {
    public var manifest: Manifest
    public var options: RunOptions
    public var clock: any RunClock
    public var observer: any RunObserver
    public var environment: [String: String]
    public var providerFactory: ProviderFactory
    /// The cache and lockfile; nil regenerates everything and records nothing.
    public var caching: RunCaching?
    /// `--max-cost` (or the manifest's `max_cost`).
    public var budget: Budget?
    /// Jitter source for backoff.
    public var random: @Sendable () -> Double
    public var blocking: BlockingExecutor
    /// Where outputs and the lockfile are written (the cache has its own, in `caching`).
    public var storage: any FileStorage

    public init(manifest: Manifest, options: RunOptions = .init(), clock: any RunClock = SystemClock(),
                observer: any RunObserver = SilentObserver(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                providerFactory: @escaping ProviderFactory = StandardProviders.make, caching: RunCaching? = nil,
                budget: Budget? = nil, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                blocking: BlockingExecutor = .shared, storage: any FileStorage = DiskStorage()) {
        self.manifest = manifest
        self.options = options
        self.clock = clock
        self.observer = observer
        self.environment = environment
        self.providerFactory = providerFactory
        self.caching = caching
        self.budget = budget
        self.random = random
        self.blocking = blocking
        self.storage = storage
    }

    /// The steps a run executes, in execution order (`--only` adds what the chosen steps need).
    public func selectedSteps() throws -> [Step] {
        try selection().steps
    }

    private func selection() throws -> (graph: StepGraph, steps: [Step]) {
        let graph = try StepGraph(steps: manifest.steps)
        return (graph, options.only.map { graph.closure(of: $0) } ?? graph.ordered)
    }

    /// What a run would do for each selected step, without doing it (`assetpipe plan`).
    public func plan() async throws -> [PlannedStep] {
        let (graph, steps) = try selection()
        let (_, planned) = try await checkFreshness(of: steps, graph: graph)
        var plan = planned?.steps ?? steps.map { PlannedStep(step: $0, verdict: .generate(reason: "new"), key: nil) }
        let waves = batchPlan(steps: steps, generating: plan.filter(\.verdict.generates).map(\.step)).waves
        for index in plan.indices { plan[index].wave = waves[plan[index].step.id] }
        return plan
    }

    /// The lockfile, cache and outputs compared with the manifest, on the blocking-work executor
    /// (it reads and hashes files): the freshness check with the forced steps it promoted, and the
    /// plan; nil without a cache.
    private func checkFreshness(of steps: [Step], graph: StepGraph) async throws
        -> (check: FreshnessCheck?, planned: (steps: [PlannedStep], forced: Set<String>)?) {
        try await blocking.run { [self] in
            guard var check = try freshnessCheck(steps: steps, graph: graph) else { return (nil, nil) }
            let planned = RunPlanner(manifest: manifest, check: check).plan(steps)
            check.forced = planned.forced
            return (check, planned)
        }
    }

    /// Runs the selected steps. Throws only when the run cannot start (a provider that cannot
    /// be built, an unreadable lockfile, models a budget cannot price); step failures are in the
    /// returned report. Cancelling the calling task interrupts the run: nothing new starts,
    /// in-flight steps stop, no partial file is left, and every finished step is kept in the
    /// cache and the lockfile.
    public func run() async throws -> RunReport {
        let start = clock.now
        let (graph, steps) = try selection()
        let (check, planned) = try await checkFreshness(of: steps, graph: graph)
        let estimator = CostEstimator(manifest: manifest)
        let generating = planned.map { $0.steps.filter(\.verdict.generates).map(\.step) } ?? steps
        if let unpriced = unpricedModels(generating: generating) { throw unpriced }
        let stop = StopSignal()
        let batchPlan = batchPlan(steps: steps, generating: generating)
        var executor = try executor(check: check, estimator: estimator, stop: stop, steps: steps)
        executor.attempts.batching = await batchRouting(plan: batchPlan, graph: graph)
        let estimate = { (step: Step) in estimator.estimate(step.model, step.parameters, inBatch: batchPlan.waves[step.id] != nil) }
        observer.record(.runStarted(RunStart(
            steps: steps.count, images: steps.reduce(0) { $0 + $1.parameters.n }, stepsToGenerate: generating.count,
            estimatedCost: generating.compactMap(estimate).reduce(0, +))))
        let (outcomes, lockEntries) = await execute(steps, graph: graph, with: executor, stop: stop)
        var lockfileError: String?
        if let caching {
            do {
                // Interrupted or not, what finished is recorded.
                try await blocking.runToCompletion { [self] in try saveLockfile(caching, check: check, entries: lockEntries) }
            } catch {
                lockfileError = "\(error)"
            }
        }
        let notRun = Set(outcomes.filter { if case .skipped = $0.status { true } else { false } }.map(\.stepID))
        let remaining = steps.filter { notRun.contains($0.id) }.compactMap(estimate)
        var report = RunReport(outcomes: outcomes, wallTime: clock.now - start, interrupted: Task.isCancelled,
                               budgetExceeded: budget?.wasExceeded ?? false, estimatedRemaining: remaining.reduce(0, +))
        report.lockfileError = lockfileError
        return report
    }

    /// Under a budget, the models the planned work may pay for without a price to bound them by;
    /// nil without a budget or when every one is priced.
    public func unpricedModels(in planned: [PlannedStep]) -> UnpricedModels? {
        unpricedModels(generating: planned.filter(\.verdict.generates).map(\.step))
    }

    private func unpricedModels(generating steps: [Step]) -> UnpricedModels? {
        guard budget != nil else { return nil }
        return UnpricedModels.find(in: steps, estimator: CostEstimator(manifest: manifest))
    }

    private func executor(check: FreshnessCheck?, estimator: CostEstimator, stop: StopSignal, steps: [Step]) throws -> StepExecutor {
        let journal = caching.map { GenerationJournal(cache: $0.cache, timestamp: $0.timestamp, blocking: blocking) }
        let pool = try ProviderPool(manifest: manifest, steps: steps, clock: clock, environment: environment,
                                    factory: providerFactory, observer: observer, journal: journal)
        let attempts = ModelAttempts(pool: pool, globalSlots: AsyncSemaphore(limit: max(options.jobs, 1)), clock: clock,
                                     observer: observer, random: random, stop: stop, failFast: options.failFast,
                                     budget: budget, estimator: estimator, journal: journal)
        return StepExecutor(manifest: manifest, attempts: attempts,
                            writer: OutputWriter(outputDirectory: manifest.outputDirectory, blocking: blocking, storage: storage),
                            clock: clock, caching: caching, check: check, estimator: estimator, journal: journal,
                            blocking: blocking)
    }

    /// The graph, each step launched as soon as its inputs are done: every step's outcome, in the
    /// order decided, and the lockfile entries of the steps that produced images.
    private func execute(_ steps: [Step], graph: StepGraph, with executor: StepExecutor,
                         stop: StopSignal) async -> (outcomes: [StepOutcome], lockEntries: [String: LockedStep]) {
        var schedule = Schedule(steps: steps, graph: graph)
        var outcomes: [StepOutcome] = []
        var lockEntries: [String: LockedStep] = [:]
        let batches = executor.attempts.batching?.coordinator

        func record(_ outcome: StepOutcome) async {
            outcomes.append(outcome)
            observer.record(.stepFinished(outcome))
            // Its batch wave need not wait for it, and a batch it was answered from may be done.
            await batches?.finished(outcome.stepID)
        }

        await withTaskGroup(of: (Step, StepResult).self) { group in
            func launch(_ step: Step) {
                let upstream = schedule.upstreamResults(for: step)
                group.addTask { (step, await executor.execute(step, upstream: upstream)) }
            }
            schedule.initiallyReady.forEach(launch)
            while let (step, finished) = await group.next() {
                await record(finished.outcome)
                lockEntries[step.id] = finished.lockEntry
                if finished.succeeded {
                    let ready = schedule.succeeded(step, finished)
                    if stop.reason == nil, !Task.isCancelled { ready.forEach(launch) } else { await batches?.drain() }
                    continue
                }
                schedule.finishedWithoutImages(step)
                // A step that never started (budget, --fail-fast) or was interrupted did not fail: its
                // dependents are held back for the same reason.
                let downstreamReason = switch finished.outcome.status {
                case let .skipped(reason): reason
                case .cancelled: "not started: the run was interrupted"
                default: "upstream '\(step.id)' failed"
                }
                for skipped in schedule.skipDownstream(of: step.id) {
                    await record(StepOutcome(stepID: skipped.id, status: .skipped(reason: downstreamReason)))
                }
                if case .failed = finished.outcome.status, options.failFast {
                    stop.stop("not started: --fail-fast after '\(step.id)' failed")
                }
                if stop.reason != nil || Task.isCancelled { await batches?.drain() }
            }
        }
        await batches?.shutdown()
        let stopReason = stop.reason ?? (Task.isCancelled ? "not started: the run was interrupted" : "not started")
        for step in schedule.undecided { await record(StepOutcome(stepID: step.id, status: .skipped(reason: stopReason))) }
        return (outcomes, lockEntries)
    }

    private func freshnessCheck(steps: [Step], graph: StepGraph) throws -> FreshnessCheck? {
        guard let caching else { return nil }
        return FreshnessCheck(cache: caching.cache, lockfile: try Lockfile.load(from: caching.lockfileURL),
                              outputStats: caching.outputStats, outputDirectory: manifest.outputDirectory,
                              forced: caching.forcedIDs(in: steps, graph: graph))
    }

    /// Writes the lockfile: this run's entries, earlier entries for steps it did not finish,
    /// nothing for steps no longer in the manifest. Left untouched when nothing changed.
    private func saveLockfile(_ caching: RunCaching, check: FreshnessCheck?, entries: [String: LockedStep]) throws {
        let ids = Set(manifest.steps.map(\.id))
        var steps = (check?.lockfile?.steps ?? [:]).filter { ids.contains($0.key) }
        steps.merge(entries, uniquingKeysWith: { _, new in new })
        let lockfile = Lockfile(steps: steps)
        if lockfile != check?.lockfile { try lockfile.write(to: caching.lockfileURL, storage: storage) }
        try caching.outputStats.save()
    }
}
