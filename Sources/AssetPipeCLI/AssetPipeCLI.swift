import Foundation
import AssetPipeBasics
import AssetPipeImaging
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache
import AssetPipeEngine
import AssetPipeReporting

/// The `assetpipe` command: parses arguments, runs a command, and returns the process exit
/// code. Lives in the library so the CLI's behaviour is tested without spawning processes.
public struct AssetPipeCLI: Sendable {
    public enum ExitCode {
        public static let success: Int32 = 0
        public static let stepFailed: Int32 = 1
        public static let invalidInput: Int32 = 2
        public static let interrupted: Int32 = 130
    }

    public var console: Console
    public var environment: [String: String]
    public var providerFactory: ProviderFactory
    public var currentDirectory: URL

    public init(console: Console = Console(), environment: [String: String] = ProcessInfo.processInfo.environment,
                providerFactory: @escaping ProviderFactory = StandardProviders.make,
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.console = console
        self.environment = environment
        self.providerFactory = providerFactory
        self.currentDirectory = currentDirectory
    }

    public func main(_ arguments: [String]) async -> Int32 {
        ImageMemory.configureAllocator()
        let invocation: Invocation
        do {
            invocation = try ArgumentParser.parse(arguments)
        } catch {
            console.error("error: \(error.message)")
            return ExitCode.invalidInput
        }
        switch invocation.action {
        case .version:
            console.output(HelpText.version)
            return ExitCode.success
        case let .help(topic):
            console.output(topic.map(HelpText.text(for:)) ?? HelpText.overview)
            return ExitCode.success
        case .schema:
            console.output(ManifestSchema.text)
            return ExitCode.success
        case .execute(.models):
            return await ModelsCommand(cli: self).run(invocation)
        case .execute(.gallery):
            return await gallery(invocation)
        case let .execute(command):
            return await execute(command, invocation)
        }
    }

    private func execute(_ command: Invocation.Command, _ invocation: Invocation) async -> Int32 {
        let manifest: Manifest
        let manifestData: Data
        let steps: [Step]
        do {
            (manifest, manifestData) = try await BlockingExecutor.shared.run { [self] in try load(invocation) }
            steps = try selectSteps(manifest, invocation)
        } catch let error as ManifestError {
            console.report(error, annotations: GitHubAnnotations(environment: environment))
            return ExitCode.invalidInput
        } catch {
            console.error("error: \(error)")
            return ExitCode.invalidInput
        }
        let prefix = displayPrefix(for: manifest.outputDirectory)
        if command == .validate {
            let outputs = steps.reduce(0) { $0 + $1.outputTargets.count }
            if invocation.verbosity != .quiet {
                console.output("\(invocation.manifestPath ?? ""): valid — \(steps.count) steps, \(outputs) output files")
            }
            return ExitCode.success
        }
        let cacheOverride = invocation.cacheDirectory.map { URL(fileURLWithPath: $0, relativeTo: currentDirectory).path }
        let cacheDirectory = CacheLocation.directory(manifest: manifest.fileURL, override: cacheOverride, environment: environment)
        // Reads the output stat cache: off the cooperative pool, like every file read. Only an
        // interrupt can make that fail.
        guard let caching = try? await BlockingExecutor.shared.run({
            RunCaching.standard(manifest: manifest, cacheDirectory: cacheDirectory, force: invocation.force)
        }) else { return ExitCode.interrupted }
        let runner = Runner(manifest: manifest,
                            options: RunOptions(jobs: invocation.jobs ?? RunOptions.defaultJobs, failFast: invocation.failFast,
                                                only: invocation.only.map(Set.init), batch: invocation.batch),
                            environment: environment, providerFactory: providerFactory, caching: caching,
                            budget: (invocation.maxCost ?? manifest.maxCost).map(Budget.init(limit:)))
        do {
            switch command {
            case .validate, .models, .gallery:
                return ExitCode.success
            case .plan:
                return try await plan(runner, invocation, outputPrefix: prefix)
            case .batches:
                return await BatchesCommand(console: console, verbosity: invocation.verbosity).run(
                    runner: runner, caching: caching, cancel: invocation.cancel) { collecting in
                    let origin = ReportDocument.Origin(manifestPath: invocation.manifestPath ?? "", manifestData: manifestData,
                                                       startedAt: Date())
                    return await run(collecting, invocation, origin: origin, outputPrefix: prefix)
                }
            case .clean:
                return try await CleanCommand(console: console, outputPrefix: prefix).run(runner: runner, caching: caching,
                                                                         dryRun: invocation.dryRun)
            case .run:
                let origin = ReportDocument.Origin(manifestPath: invocation.manifestPath ?? "", manifestData: manifestData,
                                                   startedAt: Date())
                return await run(runner, invocation, origin: origin, outputPrefix: prefix)
            }
        } catch {
            console.error("error: \(error)")
            return ExitCode.stepFailed
        }
    }

    private func plan(_ runner: Runner, _ invocation: Invocation, outputPrefix: String) async throws -> Int32 {
        let planned = try await runner.plan()
        if let unpriced = runner.unpricedModels(in: planned) { return refuse(unpriced, invocation) }
        if invocation.json {
            console.output(PlanJSON.render(planned, manifest: runner.manifest))
        } else {
            PlanPrinter.render(planned, manifest: runner.manifest, outputPrefix: outputPrefix).forEach(console.output)
        }
        let upToDate = planned.allSatisfy { if case .upToDate = $0.verdict { true } else { false } }
        if invocation.check, !upToDate {
            if !invocation.json { console.error("assets are out of date: run 'assetpipe run \(invocation.manifestPath ?? "")'") }
            return ExitCode.stepFailed
        }
        return ExitCode.success
    }

    private func run(_ runner: Runner, _ invocation: Invocation, origin: ReportDocument.Origin,
                     outputPrefix: String) async -> Int32 {
        let progress: RunProgress
        do {
            progress = try await RunProgress.start(invocation, console: console, environment: environment,
                                                   outputPrefix: outputPrefix, directory: currentDirectory)
        } catch {
            console.error("error: \(error)")
            return ExitCode.invalidInput
        }
        var watched = runner
        watched.observer = progress.observer
        let runner = watched
        // Ctrl-C is handled from before the run prints anything: a test (or a user) that sees the
        // first progress line can interrupt and be heard.
        let cancellation = RunCancellation<RunReport>()
        let interrupts = InterruptHandler(announce: progress.announce, beforeQuit: progress.display.restoreTerminal) {
            cancellation.cancel()
        }
        defer { withExtendedLifetime(interrupts) {} }
        let task = Task { try await runner.run() }
        cancellation.attach(task)
        do {
            let report = try await task.value
            let document = ReportDocument(report, manifest: runner.manifest, origin: origin)
            await progress.finish(report, document)
            try await RunArtifacts(invocation: invocation, currentDirectory: currentDirectory, storage: runner.storage,
                                   environment: environment, console: console)
                .write(document, manifest: runner.manifest, manifestData: origin.manifestData, blocking: runner.blocking)
            if let problem = report.lockfileError { console.error("error: the lockfile was not written: \(problem)") }
            if report.interrupted { return ExitCode.interrupted }
            let gallery = await writeGallery(of: document, for: invocation)
            let incomplete = report.failed + report.cancelled > 0 || report.budgetExceeded || report.lockfileError != nil
            return incomplete ? ExitCode.stepFailed : gallery
        } catch let unpriced as UnpricedModels {
            await progress.finish(nil)
            return refuse(unpriced, invocation)
        } catch {
            // Already finished when the run ended and only writing its report failed.
            await progress.finish(nil)
            console.error("error: \(error)")
            return task.isCancelled ? ExitCode.interrupted : ExitCode.stepFailed
        }
    }

    /// A budget that cannot price every model: nothing is sent, exit 2.
    private func refuse(_ unpriced: UnpricedModels, _ invocation: Invocation) -> Int32 {
        unpriced.lines.forEach { console.error("error: \(invocation.manifestPath ?? ""): prices: \($0)") }
        let count = unpriced.entries.count
        console.error("\(count) model\(count == 1 ? " has" : "s have") no price; nothing was generated")
        return ExitCode.invalidInput
    }

    /// The manifest and the bytes it was read from (the report records their hash).
    private func load(_ invocation: Invocation) throws -> (Manifest, Data) {
        let path = invocation.manifestPath ?? ""
        let loader = ManifestLoader(
            environment: environment,
            outputDirectoryOverride: invocation.outputDirectory.map { URL(fileURLWithPath: $0, relativeTo: currentDirectory) },
            checksAPIKeys: invocation.action == .execute(.run) || invocation.action == .execute(.validate))
        let url = URL(fileURLWithPath: path, relativeTo: currentDirectory)
        let data = try ManifestLoader.read(url, displayPath: path)
        return (try loader.loadCheckingCapabilities(data: data, fileURL: url, displayPath: path), data)
    }

    private func selectSteps(_ manifest: Manifest, _ invocation: Invocation) throws -> [Step] {
        let graph = try StepGraph(steps: manifest.steps)
        let known = Set(manifest.steps.map(\.id))
        var named = (invocation.only ?? []).map { ("--only", $0) }
        if case let .steps(ids) = invocation.force { named += ids.sorted().map { ("--force", $0) } }
        for (option, id) in named where !known.contains(id) {
            throw UsageError(message: "\(option): no step '\(id)' in the manifest\(DidYouMean.hint(for: id, among: known))")
        }
        return invocation.only.map { graph.closure(of: Set($0)) } ?? graph.ordered
    }

    /// The output folder as a prefix for printed paths: relative to where the user is when
    /// that is shorter, so paths in the log can be copied straight into a shell.
    func displayPrefix(for directory: URL) -> String {
        let base = currentDirectory.standardizedFileURL.path
        let path = directory.standardizedFileURL.path
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) + "/" }
        return path + "/"
    }
}
