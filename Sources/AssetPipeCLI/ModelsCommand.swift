import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeEngine

/// `assetpipe models MANIFEST [PROVIDER]`: what each provider offers, and which of the
/// manifest's model refs it does not, so a typo is caught before a run pays for it.
///
/// Exit codes: 0 when every ref on the providers asked is known to them; 1 when some ref is
/// unknown, or some provider could not be asked (its refs are then unchecked, which is no
/// all-clear either); 2 for an unusable manifest or command line.
struct ModelsCommand {
    var console: Console
    var environment: [String: String]
    var providerFactory: ProviderFactory
    var currentDirectory: URL

    init(cli: AssetPipeCLI) {
        console = cli.console
        environment = cli.environment
        providerFactory = cli.providerFactory
        currentDirectory = cli.currentDirectory
    }

    func run(_ invocation: Invocation) async -> Int32 {
        let survey: ModelSurvey
        let names: [String]
        do {
            let manifest = try await BlockingExecutor.shared.run { [self] in try load(invocation) }
            survey = ModelSurvey(manifest: manifest, environment: environment, providerFactory: providerFactory)
            names = try providerNames(survey, invocation)
        } catch let error as ManifestError {
            console.report(error, annotations: GitHubAnnotations(environment: environment))
            return AssetPipeCLI.ExitCode.invalidInput
        } catch {
            console.error("error: \(error)")
            return AssetPipeCLI.ExitCode.invalidInput
        }
        let answers = await survey.survey(names)
        if invocation.json {
            console.output(ModelsJSON.render(answers))
        } else {
            let printer = ModelsPrinter(answers: answers)
            printer.lines(verbosity: invocation.verbosity).forEach(console.output)
            if invocation.verbosity != .quiet { console.error(printer.summary) }
        }
        return answers.allRefsKnown ? AssetPipeCLI.ExitCode.success : AssetPipeCLI.ExitCode.stepFailed
    }

    /// The manifest, read without requiring any key: a provider's key is needed only when that
    /// provider is asked, and a missing one is that provider's error, not the manifest's.
    private func load(_ invocation: Invocation) throws -> Manifest {
        let path = invocation.manifestPath ?? ""
        let loader = ManifestLoader(environment: environment, checksAPIKeys: false)
        return try loader.load(contentsOf: URL(fileURLWithPath: path, relativeTo: currentDirectory), displayPath: path)
    }

    private func providerNames(_ survey: ModelSurvey, _ invocation: Invocation) throws(UsageError) -> [String] {
        guard let name = invocation.providerName else { return survey.defaultProviderNames }
        guard survey.manifest.provider(named: name) == nil else { return [name] }
        let known = Set(survey.manifest.providers.keys).union([ProviderConfig.local.name])
        throw UsageError(message: "no provider '\(name)' in the manifest (it has \(known.sorted().joined(separator: ", ")))"
                            + DidYouMean.hint(for: name, among: known))
    }
}
