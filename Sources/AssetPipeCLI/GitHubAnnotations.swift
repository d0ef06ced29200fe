import Foundation
import AssetPipeBasics
import AssetPipeManifest

/// Workflow commands for GitHub Actions (`GITHUB_ACTIONS=true`): each manifest problem and each
/// failed step also becomes an `::error file=…,line=…,col=…::message` line, which GitHub shows
/// on the pull request's diff at that line, escaped as its toolkit escapes them. They go to
/// stderr, which the runner reads too, so stdout stays the command's own (`plan --json`).
struct GitHubAnnotations {
    /// Paths in annotations are relative to the checkout, as GitHub matches them to the diff.
    var workspace: String?

    init?(environment: [String: String]) {
        guard environment["GITHUB_ACTIONS"] == "true" else { return nil }
        workspace = environment["GITHUB_WORKSPACE"]
    }

    func error(_ diagnostic: ManifestDiagnostic) -> String {
        command(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column, title: "assetpipe: invalid manifest",
                message: diagnostic.path.isEmpty ? diagnostic.message : "\(diagnostic.path): \(diagnostic.message)")
    }

    /// A failed step, at the step the manifest wrote.
    func failedStep(_ id: String, reason: String, file: String, at location: (line: Int, column: Int)?) -> String {
        command(file: file, line: location?.line, column: location?.column, title: "assetpipe: step \(id) failed", message: reason)
    }

    private func command(file: String, line: Int?, column: Int?, title: String, message: String) -> String {
        var properties = ["file=\(Self.escapeProperty(relative(file)))"]
        if let line { properties.append("line=\(line)") }
        if let column { properties.append("col=\(column)") }
        properties.append("title=\(Self.escapeProperty(title))")
        return "::error \(properties.joined(separator: ","))::\(Self.escapeData(message))"
    }

    private func relative(_ file: String) -> String {
        guard let workspace, file.hasPrefix(workspace + "/") else { return file }
        return String(file.dropFirst(workspace.count + 1))
    }

    /// A message: `%`, CR and LF would end or corrupt the command.
    static func escapeData(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// A property value: also `:` and `,`, which separate properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
