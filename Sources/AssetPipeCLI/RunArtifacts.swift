import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeReporting

/// What a finished run leaves for others to read, as the options and the CI ask: the JSON report
/// (`--report`), the JUnit file (`--junit`), and on GitHub Actions an annotation per failed step
/// and the job summary (`$GITHUB_STEP_SUMMARY`).
struct RunArtifacts {
    var invocation: Invocation
    var currentDirectory: URL
    var storage: any FileStorage
    var environment: [String: String]
    var console: Console

    func write(_ document: ReportDocument, manifest: Manifest, manifestData: Data, blocking: BlockingExecutor) async throws {
        var files: [(url: URL, data: Data)] = []
        if let path = invocation.reportPath { files.append((url(path), try document.encoded())) }
        if let path = invocation.junitPath { files.append((url(path), Data(JUnitReport.render(document).utf8))) }
        if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            let summary = URL(fileURLWithPath: path)
            // Other steps of the job write to the same file: the summary is added after theirs.
            let earlier = (try? await blocking.run { try Data(contentsOf: summary) }) ?? Data()
            files.append((summary, earlier + Data(StepSummary.render(document).utf8)))
        }
        for file in files {
            try await blocking.run { try storage.write(file.data, to: file.url) }
        }
        if let annotations = GitHubAnnotations(environment: environment) {
            annotate(document, manifest: manifest, manifestData: manifestData, with: annotations)
        }
    }

    private func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: currentDirectory) }

    /// Each failed step as an error at the step the manifest wrote.
    private func annotate(_ document: ReportDocument, manifest: Manifest, manifestData: Data, with annotations: GitHubAnnotations) {
        let failed = document.steps.filter { $0.status == .failed }
        guard !failed.isEmpty else { return }
        let positions = JSONParser.positions(in: manifestData)
        for step in failed {
            let location = manifest.stepSources[step.id].flatMap(positions.location(of:))
            console.error(annotations.failedStep(step.id, reason: step.reason ?? "failed", file: document.manifest, at: location))
        }
    }
}
