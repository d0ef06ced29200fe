import Testing
@testable import AssetPipeCLI

/// How progress is shown, from where stderr goes, the environment and the options.
@Suite struct ProgressModeTests {
    @Test(arguments: [
        (true, ["TERM": "xterm-256color"], false, Invocation.Verbosity.normal, ProgressMode.live(colour: true)),
        (true, ["TERM": "xterm-256color", "NO_COLOR": ""], false, .normal, .live(colour: false)),
        (true, ["TERM": "dumb"], false, .normal, .log),
        (false, ["TERM": "xterm-256color"], false, .verbose, .log),
        (true, ["TERM": "xterm-256color"], true, .normal, .lines),
        (false, [:], true, .normal, .lines),
        (true, [:], false, .quiet, .lines),
    ])
    func theModeFollowsTheTerminalTheEnvironmentAndTheOptions(terminal: Bool, environment: [String: String], noProgress: Bool,
                                                               verbosity: Invocation.Verbosity, mode: ProgressMode) {
        #expect(ProgressMode.choose(terminal: terminal, environment: environment, noProgress: noProgress, verbosity: verbosity) == mode)
    }

    @Test func aLogSaysWhenEachStepStartsATerminalOnlyWhenVerbose() {
        #expect(ProgressMode.log.announcesStarts(.normal))
        #expect(!ProgressMode.log.announcesStarts(.quiet))
        #expect(!ProgressMode.live(colour: true).announcesStarts(.normal))
        #expect(ProgressMode.live(colour: true).announcesStarts(.verbose))
        #expect(!ProgressMode.lines.announcesStarts(.normal))
    }
}
