import Foundation
import AssetPipeBasics

/// Reads the manifest's `providers` object into `ProviderConfig`s with defaults applied.
struct ProviderDecoder {
    static let fields = ["api", "base_url", "api_key_env", "max_concurrent", "max_tasks_in_flight", "requests_per_minute", "timeout_s",
                         "headers", "retry", "latency_ms", "poll_interval_s", "edit_mode", "models", "batch", "batch_discount"]
    static let retryFields = ["max_attempts", "initial_backoff_s", "max_backoff_s"]

    /// Every provider, `local` included even when the manifest does not declare it.
    func decode(_ value: JSONValue?, _ diagnostics: inout DiagnosticCollector) -> [String: ProviderConfig] {
        var providers = [ProviderConfig.local.name: ProviderConfig.local]
        let path = JSONPath.root.appending("providers")
        guard let value else { return providers }
        guard let members = value.objectMembers else {
            diagnostics.report(path, Rejection.expected("an object mapping provider names to their settings", found: value).message)
            return providers
        }
        for (name, entry) in members {
            let entryPath = path.appending(name)
            // A colon would make `PROVIDER:MODEL` ambiguous, since refs split at the first one.
            guard !name.isEmpty, !name.contains(":"), !name.contains(where: \.isWhitespace) else {
                diagnostics.report(entryPath, "a provider name must be non-empty without ':' or spaces, found \(JSONValue.quoted(name))")
                continue
            }
            if let config = decodeEntry(named: name, entry, at: entryPath, &diagnostics) { providers[name] = config }
        }
        return providers
    }

    private func decodeEntry(named name: String, _ value: JSONValue, at path: JSONPath,
                             _ diagnostics: inout DiagnosticCollector) -> ProviderConfig? {
        guard var reader = ObjectReader(value, at: path, knownFields: Self.fields, diagnostics: &diagnostics) else { return nil }
        let apiRule = ValueRule<String>.oneOf(ProviderAPI.allCases.map(\.rawValue))
            .then { ProviderAPI(rawValue: $0).map { .success($0) } ?? .failure(Rejection("unknown api")) }
        // The built-in name may be redeclared (to set `latency_ms`), but never as something else.
        let api: ProviderAPI?
        if name == ProviderConfig.local.name {
            api = reader.read("api", apiRule, &diagnostics) ?? (reader.contains("api") ? nil : .local)
            if let api, api != .local {
                diagnostics.report(path.appending("api"), "the provider name \"local\" is reserved for the built-in offline provider; its \"api\" must be \"local\"")
                return nil
            }
        } else {
            api = reader.require("api", apiRule, &diagnostics)
        }
        guard let api else { return nil }

        var config = ProviderConfig(name: name, api: api, maxConcurrent: api == .local ? ProviderConfig.local.maxConcurrent : 4)
        if api == .openai {
            reader.assign("batch", .bool, to: \.batch, of: &config, &diagnostics)
            reader.assign("batch_discount", .number(atLeast: 0, atMost: 1), to: \.batchDiscount, of: &config, &diagnostics)
        } else {
            for key in ["batch", "batch_discount"] where reader.contains(key) {
                diagnostics.report(path.appending(key), "\"\(key)\" applies only to providers with \"api\": \"openai\" (OpenAI's Batch API), this one has \"api\": \"\(api.rawValue)\"")
            }
        }
        if api == .local {
            rejectInapplicable("base_url", reader, api: api, &diagnostics)
            reader.assign("latency_ms", .integer(from: 0, to: 3_600_000), to: \.latencyMilliseconds, of: &config, &diagnostics)
        } else {
            rejectInapplicable("latency_ms", reader, api: api, &diagnostics)
            config.baseURL = reader.require("base_url", .httpURL, &diagnostics)
        }
        reader.assign("api_key_env", .environmentVariableName, to: \.apiKeyEnv, of: &config, &diagnostics)
        reader.assign("max_concurrent", .integer(from: 1, to: 256), to: \.maxConcurrent, of: &config, &diagnostics)
        reader.assign("max_tasks_in_flight", .integer(from: 1, to: 10_000), to: \.maxTasksInFlight, of: &config, &diagnostics)
        reader.assign("requests_per_minute", .integer(from: 1, to: 1_000_000), to: \.requestsPerMinute, of: &config, &diagnostics)
        reader.assign("timeout_s", .number(atLeast: 0, exclusive: true, atMost: 86_400), to: \.timeoutSeconds, of: &config, &diagnostics)
        reader.assign("poll_interval_s", .number(atLeast: 0, exclusive: true, atMost: 3_600), to: \.pollIntervalSeconds, of: &config, &diagnostics)
        reader.assign("edit_mode", Self.editMode, to: \.editMode, of: &config, &diagnostics)
        reader.assign("headers", Self.headers, to: \.headers, of: &config, &diagnostics)
        reader.assign("models", Self.models, to: \.models, of: &config, &diagnostics)
        if let retry = reader.value("retry") {
            config.retry = decodeRetry(retry, at: path.appending("retry"), &diagnostics) ?? config.retry
        }
        return config
    }

    /// `base_url` has no meaning for the offline provider, `latency_ms` none for a real one.
    private func rejectInapplicable(_ key: String, _ reader: ObjectReader, api: ProviderAPI,
                                  _ diagnostics: inout DiagnosticCollector) {
        guard reader.contains(key) else { return }
        let message = api == .local
            ? "\"\(key)\" does not apply to a provider with \"api\": \"local\""
            : "\"\(key)\" applies only to providers with \"api\": \"local\", this one has \"api\": \"\(api.rawValue)\""
        diagnostics.report(reader.path.appending(key), message)
    }

    private func decodeRetry(_ value: JSONValue, at path: JSONPath, _ diagnostics: inout DiagnosticCollector) -> RetryPolicy? {
        guard var reader = ObjectReader(value, at: path, knownFields: Self.retryFields, diagnostics: &diagnostics) else { return nil }
        var policy = RetryPolicy()
        reader.assign("max_attempts", .integer(from: 1, to: 20), to: \.maxAttempts, of: &policy, &diagnostics)
        reader.assign("initial_backoff_s", .number(atLeast: 0, exclusive: true, atMost: 3_600), to: \.initialBackoffSeconds, of: &policy, &diagnostics)
        let initial = policy.initialBackoffSeconds
        let source = reader.contains("initial_backoff_s") ? "initial_backoff_s" : "the default initial_backoff_s"
        let maximum = ValueRule<Double>.number(atLeast: 0, exclusive: true, atMost: 86_400).then { seconds in
            seconds >= initial
                ? .success(seconds)
                : .failure(Rejection("expected a number of at least \(JSONValue.numberText(initial)) (\(source)), found \(JSONValue.numberText(seconds))"))
        }
        reader.assign("max_backoff_s", maximum, to: \.maxBackoffSeconds, of: &policy, &diagnostics)
        return policy
    }

    private static var editMode: ValueRule<ProviderConfig.EditMode> {
        ValueRule<String>.oneOf(ProviderConfig.EditMode.allCases.map(\.rawValue)).then { text in
            ProviderConfig.EditMode(rawValue: text).map { .success($0) } ?? .failure(Rejection("unknown edit mode"))
        }
    }

    /// Static extra headers. Values may hold tokens, so they are never echoed in messages.
    private static var headers: ValueRule<[String: String]> {
        let value = ValueRule<String>("a string header value") { value in
            guard let text = value.stringValue else { return .failure(Rejection("expected a string header value, found \(value.foundDescription)")) }
            return text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" })
                ? .failure(Rejection("a header value cannot contain line breaks"))
                : .success(text)
        }
        return ValueRule<[(key: String, value: String)]>.members(of: value).then("an object of header names to values") { members in
            let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            if let bad = members.first(where: { $0.key.isEmpty || !$0.key.allSatisfy(tokenCharacters.contains) }) {
                return .failure(Rejection("\(JSONValue.quoted(bad.key)) is not a valid HTTP header name"))
            }
            return .success(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Capability overrides by model name, each checked field by field.
    private static var models: ValueRule<[String: ModelCapabilities]> {
        ValueRule<[(key: String, value: ModelCapabilities)]>.members(of: CapabilityDecoder.entry).then { members in
            .success(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
