extension Duration {
    /// Whole seconds to the nearest, for durations read at a glance: `12s`, `4m05s`, `1h12m`
    /// (an ETA or a step's elapsed time, where a tenth of a second would only flicker).
    var compact: String {
        let (seconds, attoseconds) = components
        let rounded = Int(clamping: min(seconds, 1_000_000_000)) + (attoseconds >= 500_000_000_000_000_000 ? 1 : 0)
        let whole = max(rounded, 0)
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + twoDigits(whole % 60) + "s" }
        return "\(whole / 3600)h" + twoDigits(whole % 3600 / 60) + "m"
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
