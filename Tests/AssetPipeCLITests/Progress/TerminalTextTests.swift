import Testing
@testable import AssetPipeCLI

/// Text measured, cut and cleaned the way a terminal shows it.
@Suite struct TerminalTextTests {
    @Test func theProjectsSymbolsTakeOneColumnWideCharactersAndEmojiTwoMarksNone() {
        #expect(TerminalText.width("✓✗↻⤳…█░") == 7)
        #expect(TerminalText.width("城の画像") == 8)
        #expect(TerminalText.width("🎨 art") == 6)
        #expect(TerminalText.width("cafe\u{301}") == 4)
    }

    @Test func cuttingKeepsTheWidthAndSaysSoWithAnEllipsis() {
        #expect(TerminalText.truncated("portrait-knight", to: 10) == "portrait-…")
        #expect(TerminalText.truncated("城の画像です", to: 7) == "城の画…")
        #expect(TerminalText.truncated("short", to: 10) == "short")
        #expect(TerminalText.truncated("abc", to: 1) == "…")
        #expect(TerminalText.truncated("abc", to: 0).isEmpty)
    }

    @Test func controlCharactersFromAProviderNeverReachTheTerminal() {
        #expect(TerminalText.sanitized("HTTP 500:\nline two\u{1B}[2J\tend\u{9B}") == "HTTP 500: line two [2J end ")
    }

    @Test func aStyledLineIsCutOnItsTextAndKeepsItsStyles() {
        let line = StyledLine("12 failed", .red) + StyledLine(" · ") + StyledLine("$18.40 spent")
        #expect(line.truncated(to: 14).rendered(colour: false) == "12 failed · $…")
        #expect(line.truncated(to: 14).rendered(colour: true) == "\u{1B}[31m12 failed\u{1B}[0m · $…")
        #expect(line.truncated(to: 5).width == 5)
    }
}
