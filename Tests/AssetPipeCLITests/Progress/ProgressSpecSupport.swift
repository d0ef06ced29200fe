import Synchronization
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport

/// Ticks that come when the spec says so, not from a timer.
final class ManualTicks: TickSource {
    private let state = Mutex<(tick: (@Sendable () -> Void)?, stopped: Bool)>((nil, false))

    var stopped: Bool { state.withLock { $0.stopped } }

    func start(_ tick: @escaping @Sendable () -> Void) {
        state.withLock { $0.tick = tick }
    }

    func stop() {
        state.withLock { $0 = (nil, true) }
    }

    func fire() {
        state.withLock { $0.tick }?()
    }
}

/// What a terminal receives: every write, in order, and a size the spec can change.
final class TerminalRecorder: Sendable {
    private let state: Mutex<(writes: [String], size: Terminal.Size)>

    init(columns: Int = 80, rows: Int = 24) {
        state = Mutex(([], Terminal.Size(columns: columns, rows: rows)))
    }

    var writes: [String] { state.withLock { $0.writes } }
    var text: String { writes.joined() }

    func resize(columns: Int) {
        state.withLock { $0.size.columns = columns }
    }

    var terminal: Terminal {
        Terminal(write: { text in self.state.withLock { $0.writes.append(text) } }, size: { self.state.withLock { $0.size } })
    }
}

/// A progress display on a manual clock and manual ticks, writing to a recorder.
struct DisplayHarness {
    let clock = ManualClock()
    let ticks = ManualTicks()
    let written = TerminalRecorder(columns: 80, rows: 24)

    func display(_ screen: any ProgressScreen) -> ProgressDisplay {
        ProgressDisplay(screen: screen, clock: clock, ticks: ticks, write: written.terminal.write)
    }

    /// Time moves to `time`, and the display looks again.
    func tick(at time: Duration) {
        clock.advance(to: time)
        ticks.fire()
    }
}

/// Run events as a spec writes them.
enum Events {
    static let model = ModelRef(provider: "openai", model: "gpt-image-1")

    static func plan(steps: Int, images: Int? = nil, generating: Int? = nil, cost: Double = 0) -> RunEvent {
        .runStarted(RunStart(steps: steps, images: images ?? steps, stepsToGenerate: generating ?? steps, estimatedCost: cost))
    }

    static func started(_ id: String, _ model: ModelRef = model) -> RunEvent {
        .stepStarted(stepID: id, model: model)
    }

    static func generated(_ id: String, images: Int = 1, cost: Double? = nil) -> RunEvent {
        .stepFinished(StepOutcome(stepID: id, status: .succeeded, model: model, imageCount: images, cost: cost))
    }

    static func cached(_ id: String, images: Int = 1) -> RunEvent {
        var outcome = StepOutcome(stepID: id, status: .succeeded, model: model)
        outcome.source = .cache
        outcome.images = (0..<images).map { ImageRecord(sha256: "\(id)-\($0)", format: .png, width: 8, height: 8, hasAlpha: false) }
        return .stepFinished(outcome)
    }

    static func failed(_ id: String, _ reason: String = "HTTP 400: rejected") -> RunEvent {
        .stepFinished(StepOutcome(stepID: id, status: .failed(reason: reason), model: model))
    }

    static func skipped(_ id: String) -> RunEvent {
        .stepFinished(StepOutcome(stepID: id, status: .skipped(reason: "upstream 'a' failed")))
    }
}

extension RunState {
    /// The state after `events`, each at its time.
    static func after(_ events: [(Duration, RunEvent)]) -> RunState {
        var state = RunState(startedAt: .zero)
        for (time, event) in events { state.apply(event, at: time) }
        return state
    }
}

/// Escape codes of any kind: CSI sequences and the bare escape character.
func containsEscape(_ text: String) -> Bool {
    text.unicodeScalars.contains("\u{1B}")
}
