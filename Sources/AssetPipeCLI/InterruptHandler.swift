import Dispatch
import Foundation
import Synchronization

/// Turns the first Ctrl-C (SIGINT) into a cancellation of the run, so in-flight work stops
/// cleanly and the summary still prints; a second Ctrl-C exits at once, after `beforeQuit` (the
/// terminal's cursor shown again).
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(announce: @escaping @Sendable (String) -> Void, beforeQuit: @escaping @Sendable () -> Void,
         onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let firstSignal = FirstTime()
        source.setEventHandler {
            guard firstSignal.claim() else {
                beforeQuit()
                exit(130)
            }
            announce("interrupted: finishing in-flight work cleanly (Ctrl-C again to quit now)")
            onInterrupt()
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
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
