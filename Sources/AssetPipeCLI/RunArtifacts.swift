import Foundation
import AssetPipeBasics
import AssetPipeReporting

/// The files a finished run leaves for others to read, as the options ask: the JSON report
/// (`--report`) and the JUnit file (`--junit`).
struct RunArtifacts {
    var invocation: Invocation
    var currentDirectory: URL
    var storage: any FileStorage

    func write(_ document: ReportDocument, blocking: BlockingExecutor) async throws {
        var files: [(path: String, data: Data)] = []
        if let path = invocation.reportPath { files.append((path, try document.encoded())) }
        if let path = invocation.junitPath { files.append((path, Data(JUnitReport.render(document).utf8))) }
        for file in files {
            let url = URL(fileURLWithPath: file.path, relativeTo: currentDirectory)
            try await blocking.run { try storage.write(file.data, to: url) }
        }
    }
}
