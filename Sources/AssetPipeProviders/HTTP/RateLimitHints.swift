import Foundation

/// Reads the rate-limit hints providers and gateways send, in the forms seen in the field.
enum RateLimitHints {
    /// The longest wait a hint can impose: anything beyond is a broken header (or a hostile
    /// one), not a plan, and an absurd value would overflow `Duration`.
    static let ceiling: Double = 3_600

    /// How long to wait before the next request, from (in order of precision) `retry-after-ms`,
    /// `retry-after` (seconds or an HTTP date, relative to `now`), or `x-ratelimit-reset-requests`.
    static func retryAfter(in headers: HTTPHeaders, now: Date) -> Duration? {
        if let millis = headers["retry-after-ms"].flatMap(nonNegativeNumber) {
            return bounded(millis / 1000)
        }
        if let text = headers["retry-after"] {
            if let seconds = nonNegativeNumber(text) { return bounded(seconds) }
            if let date = httpDate(text) { return bounded(max(0, date.timeIntervalSince(now))) }
        }
        return headers["x-ratelimit-reset-requests"].flatMap(seconds).map(bounded)
    }

    /// When a successful answer says no request is left in the window: how long until it resets.
    static func exhaustedWindowReset(in headers: HTTPHeaders) -> Duration? {
        guard headers["x-ratelimit-remaining-requests"]?.trimmingCharacters(in: .whitespaces) == "0" else { return nil }
        return headers["x-ratelimit-reset-requests"].flatMap(seconds).map(bounded) ?? .seconds(1)
    }

    /// An OpenAI-style duration: `1s`, `6m0s`, `12ms`, `1m30.5s`, `2h`, `250us`; a bare number is seconds.
    static func duration(_ text: String) -> Duration? {
        seconds(text).map { .seconds(min($0, 1e9)) }
    }

    private static func seconds(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let seconds = nonNegativeNumber(text) { return seconds }
        var total = 0.0
        var rest = Substring(text)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), let scale = unitSeconds[String(unit)] else { return nil }
            total += value * scale
        }
        return text.isEmpty ? nil : total
    }

    private static func bounded(_ seconds: Double) -> Duration {
        .seconds(min(seconds, ceiling))
    }

    private static let unitSeconds: [String: Double] = [
        "h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9,
    ]

    private static func nonNegativeNumber(_ text: String) -> Double? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// RFC 9110 IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), the only form servers should send.
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}
