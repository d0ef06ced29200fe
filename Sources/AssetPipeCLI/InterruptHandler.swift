import Dispatch
import Foundation
import Synchronization

/// Turns the first Ctrl-C (SIGINT), or a SIGTERM (a CI job cancelled, a container stopped), into
/// a cancellation of the run, so in-flight work stops cleanly, what finished is recorded and the
/// summary still prints; a second signal exits at once, after `beforeQuit` (the terminal's
/// cursor shown again).
final class InterruptHandler {
    private static let signals = [SIGINT, SIGTERM]
    private let sources: [any DispatchSourceSignal]

    init(announce: @escaping @Sendable (String) -> Void, beforeQuit: @escaping @Sendable () -> Void,
         onInterrupt: @escaping @Sendable () -> Void) {
        let firstSignal = FirstTime()
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard firstSignal.claim() else {
                    beforeQuit()
                    exit(128 + number)
                }
                announce("interrupted: finishing in-flight work cleanly (Ctrl-C again to quit now)")
                onInterrupt()
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}

/// True exactly once, whichever thread asks first.
private final class FirstTime: Sendable {
    private let claimed = Mutex(false)

    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
