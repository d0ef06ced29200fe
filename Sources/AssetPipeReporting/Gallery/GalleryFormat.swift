import Foundation

/// How the gallery writes numbers and times: short, and the same on every card.
enum GalleryFormat {
    /// `812 KB`, `1.4 MB`: decimal units, as file browsers show them.
    static func bytes(_ count: Int) -> String {
        if count < 1000 { return "\(count) B" }
        if count < 1_000_000 { return "\(Int((Double(count) / 1000).rounded())) KB" }
        return String(format: "%.1f MB", Double(count) / 1_000_000)
    }

    /// `0.41 s`, `12.3 s`, `4 min 05 s`.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "—" }
        if value < 10 { return String(format: "%.2f s", value) }
        if value < 60 { return String(format: "%.1f s", value) }
        let whole = Int(min(value, 1e9))
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    /// `2026-12-01 23:40 UTC` from the report's ISO 8601 time; anything else as written.
    static func time(_ iso8601: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso8601) else { return iso8601 }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// `1024×1024`.
    static func dimensions(_ width: Int, _ height: Int) -> String {
        "\(width)×\(height)"
    }
}
