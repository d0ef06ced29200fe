import Foundation
import AssetPipeBasics
import AssetPipeReporting

/// `assetpipe gallery REPORT.json [DIR]`, and the gallery `run --gallery DIR` writes from the
/// report document of the run it has just made: the same page either way.
extension AssetPipeCLI {
    /// Reads the report (exit 2 when it cannot be used) and builds its gallery in DIR, by
    /// default `gallery/` beside the report.
    func gallery(_ invocation: Invocation) async -> Int32 {
        let path = invocation.reportPath ?? ""
        let report = URL(fileURLWithPath: path, relativeTo: currentDirectory)
        let document: ReportDocument
        do {
            document = try await BlockingExecutor.shared.run { try ReportDocument.read(from: report, displayPath: path) }
        } catch {
            console.error("error: \(error)")
            return ExitCode.invalidInput
        }
        let folder = invocation.galleryDirectory.map { URL(fileURLWithPath: $0, relativeTo: currentDirectory) }
            ?? report.deletingLastPathComponent().appendingPathComponent("gallery")
        return await writeGallery(of: document, into: folder, verbosity: invocation.verbosity)
    }

    /// `run --gallery DIR`: the gallery of the run just made, from its report document. Success
    /// when no gallery was asked for.
    func writeGallery(of document: ReportDocument, for invocation: Invocation) async -> Int32 {
        guard let directory = invocation.galleryDirectory else { return ExitCode.success }
        // A run's stdout may be its events (`--events -`): where the gallery is goes with the
        // progress, on stderr.
        return await writeGallery(of: document, into: URL(fileURLWithPath: directory, relativeTo: currentDirectory),
                                  verbosity: invocation.verbosity, announce: console.error)
    }

    /// Builds the gallery of a report document in `folder` and says where it is: exit 0; 2 for
    /// a report it cannot show; 1 when the gallery could not be written; 130 when interrupted.
    /// Output files that are missing or unreadable do not fail it: they are placeholders.
    func writeGallery(of document: ReportDocument, into folder: URL, verbosity: Invocation.Verbosity,
                      announce: ((String) -> Void)? = nil) async -> Int32 {
        let summary: GallerySummary
        do {
            summary = try await GalleryBuilder().build(document, into: folder)
        } catch {
            console.error("error: \(error)")
            switch error {
            case .invalidReport: return ExitCode.invalidInput
            case .cannotWrite: return ExitCode.stepFailed
            case .interrupted: return ExitCode.interrupted
            }
        }
        guard verbosity != .quiet else { return ExitCode.success }
        let missing = summary.unavailable.count
        if verbosity == .verbose { summary.unavailable.forEach { console.error("  ⚠ \($0.path): \($0.reason)") } }
        if missing > 0, verbosity != .verbose {
            console.error("note: \(missing) output file\(missing == 1 ? " is" : "s are") missing or unreadable and shown as "
                          + "\(missing == 1 ? "a placeholder" : "placeholders") (--verbose lists them)")
        }
        let location = displayPrefix(for: folder) + GalleryBuilder.indexFileName
        (announce ?? console.output)("gallery: \(location) — \(summary.steps) step\(summary.steps == 1 ? "" : "s"), "
                       + "\(summary.thumbnails) thumbnail\(summary.thumbnails == 1 ? "" : "s")")
        return ExitCode.success
    }
}
