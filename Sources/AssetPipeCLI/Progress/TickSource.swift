import Dispatch
import Synchronization

/// What makes a progress display look again: a timer in a run, the test's hand in a spec.
protocol TickSource: Sendable {
    /// Calls `tick` from now on, one call at a time.
    func start(_ tick: @escaping @Sendable () -> Void)
    /// Stops the ticks; returns once no tick is running and none will.
    func stop()
}

/// A timer on its own serial queue, so drawing (blocking writes to the terminal) never runs on
/// the engine's tasks or the cooperative pool.
final class DispatchTicks: TickSource {
    private let queue = DispatchQueue(label: "assetpipe.progress")
    private let intervalMilliseconds: Int
    private let timer = Mutex<(any DispatchSourceTimer)?>(nil)

    init(intervalMilliseconds: Int) {
        self.intervalMilliseconds = intervalMilliseconds
    }

    func start(_ tick: @escaping @Sendable () -> Void) {
        timer.withLock { timer in
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now(), repeating: .milliseconds(intervalMilliseconds), leeway: .milliseconds(10))
            source.setEventHandler(handler: tick)
            source.resume()
            timer = source
        }
    }

    func stop() {
        timer.withLock { timer in
            timer?.cancel()
            timer = nil
        }
        // A tick already under way finishes before this returns.
        queue.sync {}
    }
}
