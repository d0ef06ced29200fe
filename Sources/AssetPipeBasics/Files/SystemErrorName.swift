import Glibc

/// The symbolic name of an `errno` (`ENOSPC`), shown next to `strerror`'s text so that a message
/// read in another locale, or pasted into an issue, still says exactly what the system reported.
enum SystemErrorName {
    /// The names of the errors a file write can meet; others show as `errno 123`.
    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", EINTR: "EINTR", EIO: "EIO", ENXIO: "ENXIO", EBADF: "EBADF",
        EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES", EBUSY: "EBUSY", EEXIST: "EEXIST", EXDEV: "EXDEV",
        ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE",
        ETXTBSY: "ETXTBSY", EFBIG: "EFBIG", ENOSPC: "ENOSPC", EROFS: "EROFS", EMLINK: "EMLINK",
        ENAMETOOLONG: "ENAMETOOLONG", ENOTEMPTY: "ENOTEMPTY", ELOOP: "ELOOP", EDQUOT: "EDQUOT", ESTALE: "ESTALE",
    ]

    static func of(_ code: Int32) -> String {
        names[code] ?? "errno \(code)"
    }
}
