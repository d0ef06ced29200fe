import Foundation

/// stderr when it is a terminal, which the live progress block draws on: raw writes (escape
/// codes, no newline added) and its size, asked afresh on every frame so a resize takes effect
/// at once. Tests give a `Console` a fake one to see what a terminal would receive.
public struct Terminal: Sendable {
    public struct Size: Sendable, Equatable {
        public var columns: Int
        public var rows: Int

        public init(columns: Int, rows: Int) {
            self.columns = columns
            self.rows = rows
        }
    }

    /// Writes the text as it is.
    public var write: @Sendable (String) -> Void
    /// The terminal's size now; nil when it cannot be told.
    public var size: @Sendable () -> Size?

    public init(write: @escaping @Sendable (String) -> Void, size: @escaping @Sendable () -> Size?) {
        self.write = write
        self.size = size
    }

    /// The process's stderr, when it is a terminal (`isatty`); nil for pipes and files.
    public static func standardError() -> Terminal? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        return Terminal(write: { text in try? FileHandle.standardError.write(contentsOf: Data(text.utf8)) },
                        size: { windowSize(of: STDERR_FILENO) })
    }

    /// `ioctl(TIOCGWINSZ)`: the columns and rows of the terminal on `descriptor`.
    private static func windowSize(of descriptor: Int32) -> Size? {
        var size = winsize()
        guard let request = UInt(exactly: TIOCGWINSZ), ioctl(descriptor, request, &size) == 0, size.ws_col > 0 else { return nil }
        return Size(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }
}
