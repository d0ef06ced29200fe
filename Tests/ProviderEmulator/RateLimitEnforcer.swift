import Synchronization

/// Enforces each key's limits the way a provider account does, and remembers the highest
/// concurrency each key reached so tests can prove the client stayed under it.
///
/// Every authenticated request counts as in flight from arrival until its answer is written,
/// rejected ones included: a client that sends a request over the limit has exceeded it, even if
/// the emulator turns it away at once. Only admitted requests count towards the window, like a
/// token bucket that a refused request does not drain.
final class RateLimitEnforcer: Sendable {
    enum Admission {
        case admitted(headers: [(name: String, value: String)])
        case rejected(LimitKind, error: APIError)
    }

    private struct KeyState {
        var inFlight = 0
        var maxInFlight = 0
        var admitted: [Duration] = []
    }

    private let window: Duration
    /// The wait suggested to a client refused for concurrency: about one request's latency.
    private let concurrencyRetryHint: Duration
    private let states = Mutex<[String: KeyState]>([:])

    init(window: Duration, concurrencyRetryHint: Duration) {
        self.window = window
        self.concurrencyRetryHint = max(concurrencyRetryHint, .milliseconds(10))
    }

    /// Counts the request in flight (balance with `finish`) and decides whether it may proceed.
    /// Returns the in-flight count including this request.
    func admit(_ key: EmulatorKey, at now: Duration) -> (Admission, inFlight: Int) {
        states.withLock { states in
            var state = states[key.label, default: KeyState()]
            defer { states[key.label] = state }
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            state.admitted.removeAll { now - $0 >= window }
            let inFlight = state.inFlight

            if let limit = key.maxConcurrent, inFlight > limit {
                let error = rateLimitError(
                    message: "Rate limit reached on concurrent requests: Limit \(limit), In flight \(inFlight - 1), Requested 1.",
                    wait: concurrencyRetryHint, key: key, used: state.admitted.count, resetIn: resetDelay(state, now))
                return (.rejected(.concurrency, error: error), inFlight)
            }
            if let limit = key.requestsPerMinute, state.admitted.count >= limit {
                let wait = resetDelay(state, now)
                let error = rateLimitError(
                    message: "Rate limit reached on requests per min (RPM): Limit \(limit), Used \(state.admitted.count), Requested 1. Please try again in \(OpenAIDuration.format(wait)).",
                    wait: wait, key: key, used: state.admitted.count, resetIn: wait)
                return (.rejected(.requestsPerWindow, error: error), inFlight)
            }
            state.admitted.append(now)
            return (.admitted(headers: limitHeaders(key: key, used: state.admitted.count, resetIn: resetDelay(state, now))), inFlight)
        }
    }

    func finish(_ key: EmulatorKey) {
        states.withLock { $0[key.label, default: KeyState()].inFlight -= 1 }
    }

    func maxConcurrency(forKey label: String) -> Int {
        states.withLock { $0[label]?.maxInFlight ?? 0 }
    }

    /// Time until the oldest admitted request leaves the window, freeing a slot.
    private func resetDelay(_ state: KeyState, _ now: Duration) -> Duration {
        guard let oldest = state.admitted.first else { return .zero }
        return max(.zero, oldest + window - now)
    }

    private func limitHeaders(key: EmulatorKey, used: Int, resetIn: Duration) -> [(name: String, value: String)] {
        guard let limit = key.requestsPerMinute else { return [] }
        return [("x-ratelimit-limit-requests", String(limit)),
                ("x-ratelimit-remaining-requests", String(max(0, limit - used))),
                ("x-ratelimit-reset-requests", OpenAIDuration.format(resetIn))]
    }

    private func rateLimitError(message: String, wait: Duration, key: EmulatorKey, used: Int, resetIn: Duration) -> APIError {
        let milliseconds = OpenAIDuration.wholeMilliseconds(wait, roundingUp: true)
        let headers = [("retry-after", String((milliseconds + 999) / 1000)), ("retry-after-ms", String(milliseconds))]
            + limitHeaders(key: key, used: used, resetIn: resetIn)
        return APIError(status: 429, message: message, type: "requests", code: "rate_limit_exceeded", headers: headers)
    }
}

/// The duration strings OpenAI puts in `x-ratelimit-reset-*` headers (Go's format): `12ms`,
/// `1s`, `1.5s`, `6m0s`, `1h2m3s`.
enum OpenAIDuration {
    static func wholeMilliseconds(_ duration: Duration, roundingUp: Bool) -> Int {
        let (seconds, attoseconds) = duration.components
        let fraction = attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return Int(seconds) * 1000 + Int(fraction) + (roundingUp && remainder > 0 ? 1 : 0)
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = wholeMilliseconds(duration, roundingUp: true)
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let hours = milliseconds / 3_600_000
        let minutes = milliseconds / 60_000 % 60
        let seconds = milliseconds / 1000 % 60
        let fraction = milliseconds % 1000
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        text += "\(seconds)"
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "s"
    }
}
