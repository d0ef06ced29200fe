import AssetPipeBasics

/// The previews of every output a report lists, made on the blocking-work executor a bounded
/// number at a time: a nightly report of 2,000 images has at most `width` files read and
/// decoded at once, so memory stays that of a few images, not of the whole run.
struct PreviewBatch: Sendable {
    var maker: ThumbnailMaker
    var links: OutputLinks
    var blocking: BlockingExecutor
    var width: Int

    /// Keyed by output path; each distinct path is looked at once.
    func previews(of paths: [String]) async throws(GalleryError) -> [String: OutputPreview] {
        var seen = Set<String>()
        var pending = paths.filter { seen.insert($0).inserted }[...]
        let work: @Sendable (String) async throws -> (String, OutputPreview) = { [self] path in
            guard let file = links.file(for: path) else {
                return (path, .unavailable(reason: "refused: \(path) is outside the output folder"))
            }
            return (path, try await blocking.run { [maker] in try maker.preview(ofOutput: path, at: file) })
        }
        do {
            return try await withThrowingTaskGroup(of: (String, OutputPreview).self) { group in
                for path in pending.prefix(max(width, 1)) { group.addTask { try await work(path) } }
                pending = pending.dropFirst(max(width, 1))
                var found: [String: OutputPreview] = [:]
                while let (path, preview) = try await group.next() {
                    found[path] = preview
                    if let next = pending.popFirst() { group.addTask { try await work(next) } }
                }
                return found
            }
        } catch let error as FileError {
            throw .cannotWrite(error)
        } catch {
            throw .interrupted
        }
    }
}
