import Foundation
import AssetPipeBasics
import AssetPipeReporting

/// The files a finished run leaves for others to read, as the options ask: the JSON report
/// (`--report`).
struct RunArtifacts {
    var invocation: Invocation
    var currentDirectory: URL
    var storage: any FileStorage

    func write(_ document: ReportDocument, blocking: BlockingExecutor) async throws {
        if let reportPath = invocation.reportPath {
            let data = try document.encoded()
            let url = URL(fileURLWithPath: reportPath, relativeTo: currentDirectory)
            try await blocking.run { try storage.write(data, to: url) }
        }
    }
}
