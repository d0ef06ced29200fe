import Foundation

/// Executes a manifest's dependency graph: each step starts as soon as every step it consumes
/// has finished, independent steps run concurrently within the per-provider and global limits,
/// and a failure skips exactly the steps downstream of it.
public struct Runner: Sendable {
    public var manifest: Manifest
    public var options: RunOptions
    public var clock: any RunClock
    public var observer: any RunObserver
    public var environment: [String: String]
    public var providerFactory: ProviderFactory
    /// Jitter source for backoff.
    public var random: @Sendable () -> Double
    public var cpu: CPUWork

    public init(manifest: Manifest, options: RunOptions = .init(), clock: any RunClock = SystemClock(),
                observer: any RunObserver = SilentObserver(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                providerFactory: @escaping ProviderFactory = StandardProviders.make,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, cpu: CPUWork = .shared) {
        self.manifest = manifest
        self.options = options
        self.clock = clock
        self.observer = observer
        self.environment = environment
        self.providerFactory = providerFactory
        self.random = random
        self.cpu = cpu
    }

    /// The steps a run executes, in execution order (`--only` adds what the chosen steps need).
    public func selectedSteps() throws -> [Step] {
        try selection().steps
    }

    private func selection() throws -> (graph: StepGraph, steps: [Step]) {
        let graph = try StepGraph(steps: manifest.steps)
        return (graph, options.only.map { graph.closure(of: $0) } ?? graph.ordered)
    }

    /// Runs the selected steps. Throws only when the run cannot start (a provider that cannot
    /// be built); step failures are reported in the returned report. Cancelling the calling
    /// task interrupts the run: nothing new starts, in-flight steps stop, no partial file is left.
    public func run() async throws -> RunReport {
        let start = clock.now
        let (graph, steps) = try selection()
        let pool = try ProviderPool(manifest: manifest, steps: steps, clock: clock, environment: environment,
                                    factory: providerFactory)
        let stop = StopSignal()
        let attempts = ModelAttempts(pool: pool, globalSlots: AsyncSemaphore(limit: max(options.jobs, 1)),
                                     clock: clock, observer: observer, random: random, stop: stop,
                                     failFast: options.failFast)
        let writer = OutputWriter(outputDirectory: manifest.outputDirectory, cpu: cpu)
        var schedule = Schedule(steps: steps, graph: graph)
        var outcomes: [StepOutcome] = []
        var stopReason: String?

        await withTaskGroup(of: (Step, StepOutcome, [EncodedImage]).self) { group in
            func launch(_ step: Step) {
                let upstream = schedule.upstreamImages(for: step)
                group.addTask { await execute(step, upstream: upstream, attempts: attempts, writer: writer) }
            }
            schedule.initiallyReady.forEach(launch)
            while let (step, outcome, images) = await group.next() {
                outcomes.append(outcome)
                observer.record(.stepFinished(outcome))
                if outcome.status == .succeeded {
                    let ready = schedule.succeeded(step, images: images)
                    if stopReason == nil, !Task.isCancelled { ready.forEach(launch) }
                } else {
                    schedule.finishedWithoutImages(step)
                    for skipped in schedule.skipDownstream(of: step.id) {
                        let reason = StepOutcome(stepID: skipped.id, status: .skipped(reason: "upstream '\(step.id)' failed"))
                        outcomes.append(reason)
                        observer.record(.stepFinished(reason))
                    }
                    if options.failFast, stopReason == nil {
                        stop.stop("not started: --fail-fast after '\(step.id)' failed")
                        stopReason = stop.reason
                    }
                }
                if Task.isCancelled, stopReason == nil { stopReason = "not started: the run was interrupted" }
            }
        }
        for step in schedule.undecided {
            let outcome = StepOutcome(stepID: step.id, status: .skipped(reason: stopReason ?? "not started"))
            outcomes.append(outcome)
            observer.record(.stepFinished(outcome))
        }
        return RunReport(outcomes: outcomes, wallTime: clock.now - start, interrupted: Task.isCancelled)
    }

    private func execute(_ step: Step, upstream: [String: [EncodedImage]], attempts: ModelAttempts,
                         writer: OutputWriter) async -> (Step, StepOutcome, [EncodedImage]) {
        let start = clock.now
        observer.record(.stepStarted(stepID: step.id, model: step.model))
        var outcome = StepOutcome(stepID: step.id, status: .succeeded, model: step.model)
        var images: [EncodedImage] = []
        do {
            let inputs = try ResolvedInputs(step: step, upstream: upstream)
            let generated = try await attempts.generate(step: step, inputs: inputs)
            outcome.model = generated.model
            outcome.attempts = generated.attempts
            outcome.notes = generated.notes
            outcome.cost = generated.result.cost
            images = generated.result.images
            outcome.imageCount = images.count
            outcome.outputs = try await writer.write(images, for: step)
        } catch is CancellationError {
            outcome.status = .cancelled
        } catch let notStarted as StepNotStarted {
            outcome = StepOutcome(stepID: step.id, status: .skipped(reason: notStarted.reason))
        } catch let failure as StepGenerationFailure {
            outcome.status = .failed(reason: failure.message)
            outcome.model = failure.model
            outcome.attempts = failure.attempts
            outcome.notes = failure.notes
        } catch let error as StepInputError {
            outcome.status = .failed(reason: error.message)
        } catch {
            outcome.status = Task.isCancelled ? .cancelled : .failed(reason: "writing outputs: \(error)")
        }
        outcome.duration = clock.now - start
        return (step, outcome, outcome.status == .succeeded ? images : [])
    }
}
