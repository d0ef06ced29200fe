import Foundation
import AssetPipeBasics

/// Builds the HTML contact sheet of a run from its report: `index.html` and a `thumbnails/`
/// folder inside `folder`, linking to the full files in the report's output folder.
///
/// Thumbnails are made by assetpipe's own codecs on the blocking-work executor, at most
/// `maxConcurrentThumbnails` files at once; those from an earlier build with the same bytes are
/// reused, and those nothing refers to any more are removed. Every write goes through `storage`.
public struct GalleryBuilder: Sendable {
    public static let indexFileName = "index.html"

    public var blocking: BlockingExecutor
    public var storage: any FileStorage
    /// Output files read and decoded at once: each may take a full-size image in memory.
    public var maxConcurrentThumbnails: Int

    public init(blocking: BlockingExecutor = .shared, storage: any FileStorage = DiskStorage(),
                maxConcurrentThumbnails: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.blocking = blocking
        self.storage = storage
        self.maxConcurrentThumbnails = maxConcurrentThumbnails
    }

    public func build(_ report: ReportDocument, into folder: URL) async throws(GalleryError) -> GallerySummary {
        let folder = folder.standardizedFileURL
        let links = try OutputLinks(outputDirectory: report.outputDir, galleryFolder: folder)
        let layout = GalleryLayout(report.steps)
        let batch = PreviewBatch(maker: ThumbnailMaker(galleryFolder: folder, storage: storage), links: links,
                                 blocking: blocking, width: maxConcurrentThumbnails)
        let previews = try await batch.previews(of: layout.cards.flatMap { $0.step.outputs.map(\.path) })
        let page = GalleryPage(report: report, layout: layout, previews: previews, links: links)
        let index = folder.appendingPathComponent(Self.indexFileName)
        do {
            try await blocking.run { [storage] in
                try storage.write(Data(page.html().utf8), to: index)
                Self.removeThumbnails(in: folder, except: Set(previews.values.compactMap(\.thumbnailPath)))
            }
        } catch let error as FileError {
            throw .cannotWrite(error)
        } catch {
            throw .interrupted
        }
        return GallerySummary(index: index, layout: layout, previews: previews)
    }

    /// Thumbnails of files no step shows any more (a nightly gallery would otherwise grow
    /// without end). Only names this builder makes are touched; what cannot be removed stays.
    private static func removeThumbnails(in folder: URL, except kept: Set<String>) {
        let thumbnails = folder.appendingPathComponent(ThumbnailMaker.folderName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: thumbnails.path)) ?? []
        for name in names where ThumbnailMaker.isThumbnailName(name) && !kept.contains("\(ThumbnailMaker.folderName)/\(name)") {
            try? FileManager.default.removeItem(at: thumbnails.appendingPathComponent(name))
        }
    }
}

/// What a gallery build produced, for the command to report.
public struct GallerySummary: Sendable, Equatable {
    public struct Unavailable: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// The `index.html` written.
    public var index: URL
    public var steps: Int
    /// Output files shown by a thumbnail.
    public var thumbnails: Int
    /// Output files shown as a placeholder, and why, in the gallery's order.
    public var unavailable: [Unavailable]

    init(index: URL, layout: GalleryLayout, previews: [String: OutputPreview]) {
        self.index = index
        steps = layout.cards.count
        var seen = Set<String>()
        let paths = layout.cards.flatMap { $0.step.outputs.map(\.path) }.filter { seen.insert($0).inserted }
        thumbnails = paths.count { previews[$0]?.thumbnailPath != nil }
        unavailable = paths.compactMap { path in
            guard case let .unavailable(reason)? = previews[path] else { return nil }
            return Unavailable(path: path, reason: reason)
        }
    }
}
