import Foundation
import Glibc

/// CPU time and resident memory of this process (or of the calling thread), read from the
/// kernel: `getrusage` and `/proc/self/status`.
enum ProcessStats {
    /// User + system CPU time of the whole process so far.
    static func processCPU() -> Duration { cpu(RUSAGE_SELF.rawValue) }

    /// User + system CPU time of the calling thread so far.
    static func threadCPU() -> Duration { cpu(rusageThread) }

    /// Linux's RUSAGE_THREAD, which Swift's Glibc module does not export.
    private static let rusageThread: Int32 = 1

    private static func cpu(_ who: Int32) -> Duration {
        var usage = rusage()
        guard getrusage(__rusage_who_t(who), &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    /// Peak resident set size (`VmHWM`) in MiB, nil when `/proc` cannot be read.
    static func peakResidentMiB() -> Double? { statusField("VmHWM") }

    static func residentMiB() -> Double? { statusField("VmRSS") }

    /// Resets `VmHWM` to the current RSS, so the next reading covers only what follows.
    static func resetPeakResident() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    private static func statusField(_ name: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kilobytes / 1024
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
