import Foundation

/// The clock of the `created`, `created_at` and `*_at` fields of answers: Unix seconds, which
/// only the wall clock gives (the emulator's own monotonic clock starts at zero).
enum UnixTime {
    static var now: Int { Int(Date().timeIntervalSince1970) }
}
