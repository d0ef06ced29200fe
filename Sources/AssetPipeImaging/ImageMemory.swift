internal import CImageCodecs

/// The process's allocator, set up for image work: a run allocates and frees answers, decoded
/// rasters and encoded outputs of 0.5–16 MB by the thousand. Left to adjust itself, glibc moves
/// such buffers into arenas whose freed space stays resident: a run of 1,000 1024² images grew to
/// 650 MiB that way, against 56 MiB with the threshold fixed (`make bench BENCH=memory`).
public enum ImageMemory {
    /// Once, when a process that renders images starts (the `assetpipe` command does).
    public static func configureAllocator() {
        ap_tune_allocator_for_images()
    }
}
