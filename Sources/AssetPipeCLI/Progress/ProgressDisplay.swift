import Synchronization
import AssetPipeBasics
import AssetPipeEngine

/// A run's progress on stderr while it runs: the events folded into a `RunState`, the step
/// printer's lines held until the next tick, and a screen — the live block or the plain log —
/// deciding on each tick what to write.
///
/// The engine calls `record` from many tasks at once; that only updates the state under a
/// lock. Writing happens on the ticks, on the tick source's own queue, so a slow terminal or
/// log never holds up a step, and lines from concurrent steps never interleave.
final class ProgressDisplay: RunObserver {
    private struct State: Sendable {
        var run: RunState
        var lines: [String] = []
        var screen: any ProgressScreen
        var closed = false
    }

    private let state: Mutex<State>
    private let clock: any RunClock
    private let ticks: any TickSource
    private let write: @Sendable (String) -> Void

    init(screen: any ProgressScreen, clock: any RunClock, ticks: any TickSource, write: @escaping @Sendable (String) -> Void) {
        state = Mutex(State(run: RunState(startedAt: clock.now), screen: screen))
        self.clock = clock
        self.ticks = ticks
        self.write = write
        ticks.start { [weak self] in self?.tick() }
    }

    func record(_ event: RunEvent) {
        let now = clock.now
        state.withLock { $0.run.apply(event, at: now) }
    }

    /// A line for stderr: shown on the next tick (above the live block), or at once once the
    /// display is closed (the summary).
    func print(_ line: String) {
        let closed = state.withLock { state in
            if !state.closed { state.lines.append(line) }
            return state.closed
        }
        if closed { write(line + "\n") }
    }

    func tick() {
        let now = clock.now
        let text = state.withLock { state -> String? in
            guard !state.closed, let text = state.screen.update(state.run, lines: state.lines, now: now) else { return nil }
            state.lines.removeAll()
            return text
        }
        if let text { write(text) }
    }

    /// Stops the ticks, writes the lines still pending and clears the live block; what is
    /// printed from then on goes straight out.
    func close() {
        ticks.stop()
        let now = clock.now
        let text = state.withLock { state -> String in
            guard !state.closed else { return "" }
            state.closed = true
            defer { state.lines.removeAll() }
            return state.screen.close(state.run, lines: state.lines, now: now)
        }
        if !text.isEmpty { write(text) }
    }

    /// For a process about to exit without closing (a second Ctrl-C): the cursor shown again.
    func restoreTerminal() {
        let text = state.withLock { $0.screen.restoration }
        if !text.isEmpty { write(text) }
    }
}
