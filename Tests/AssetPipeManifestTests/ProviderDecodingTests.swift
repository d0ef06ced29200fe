import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeTestSupport

@Suite struct ProviderDecodingTests {
    private let fixture: ManifestFixture

    init() throws {
        fixture = try ManifestFixture()
    }

    /// A manifest declaring `providers` whose one step uses `model`.
    private func withProviders(_ providers: String, model: String = "local:studio") -> String {
        manifest(#"{"id": "a", "prompt": "x", "model": "\#(model)"}"#, fields: #""providers": {\#(providers)}"#)
    }

    @Test func remoteProvidersGetDocumentedDefaults() throws {
        let loaded = try fixture.load(withProviders(#""gw": {"api": "opper", "base_url": "https://gw.example/v3/"}"#))
        #expect(loaded.providers["gw"] == ProviderConfig(name: "gw", api: .opper, baseURL: URL(string: "https://gw.example/v3")))
        let gateway = try #require(loaded.providers["gw"])
        #expect(gateway.maxConcurrent == 4 && gateway.timeoutSeconds == 300 && gateway.pollIntervalSeconds == 2)
        #expect(gateway.retry == RetryPolicy(maxAttempts: 4, initialBackoffSeconds: 1, maxBackoffSeconds: 60))
        #expect(gateway.editMode == .multipart && gateway.requestsPerMinute == nil && gateway.apiKeyEnv == nil)
    }

    @Test func readsEveryProviderField() throws {
        let loaded = try fixture.load(withProviders(#"""
            "gw": {"api": "openai", "base_url": "http://127.0.0.1:8080/v1", "api_key_env": "GW_KEY", "max_concurrent": 16,
                   "requests_per_minute": 600, "timeout_s": 30.5, "headers": {"X-Session-Id": "s1"},
                   "retry": {"max_attempts": 6, "initial_backoff_s": 0.5, "max_backoff_s": 8},
                   "poll_interval_s": 0.25, "edit_mode": "inline",
                   "models": {"gpt-image-2": {"max_n": 4, "sizes": ["1024x1024"]}}, "batch": true, "batch_discount": 0.4}
            """#))
        #expect(loaded.providers["gw"] == ProviderConfig(
            name: "gw", api: .openai, baseURL: URL(string: "http://127.0.0.1:8080/v1"), apiKeyEnv: "GW_KEY",
            maxConcurrent: 16, requestsPerMinute: 600, timeoutSeconds: 30.5, headers: ["X-Session-Id": "s1"],
            retry: RetryPolicy(maxAttempts: 6, initialBackoffSeconds: 0.5, maxBackoffSeconds: 8), pollIntervalSeconds: 0.25,
            editMode: .inline,
            models: ["gpt-image-2": capabilities(maxN: 4, sizes: ["1024x1024"])], batch: true, batchDiscount: 0.4))
    }

    @Test func batchSettingsBelongToOpenAIProvidersAndStepsAlone() throws {
        #expect(fixture.problem(withProviders(#""gw": {"api": "opper", "base_url": "https://gw.example/v3", "batch": true}"#))
                == #"providers.gw.batch: "batch" applies only to providers with "api": "openai" (OpenAI's Batch API), this one has "api": "opper""#)
        #expect(fixture.problem(withProviders(#""gw": {"api": "openai", "base_url": "https://gw.example/v1", "batch_discount": 1.5}"#))
                == "providers.gw.batch_discount: expected a number of at least 0 and at most 1, found 1.5")
        let step = try fixture.load(manifest(#"{"id": "a", "prompt": "x", "batch": false}"#)).steps[0]
        #expect(step.batch == false)
        #expect(try fixture.load(manifest(#"{"id": "a", "prompt": "x"}"#)).steps[0].batch == nil)
    }

    @Test func localAlwaysExistsAndMayBeDeclaredToTuneIt() throws {
        #expect(try fixture.load(withProviders("")).providers["local"] == .local)
        let loaded = try fixture.load(withProviders(#""local": {"latency_ms": 25}, "slow": {"api": "local", "latency_ms": 400, "max_concurrent": 2}"#,
                                                    model: "slow:studio"))
        #expect(loaded.providers["local"] == ProviderConfig(name: "local", api: .local, maxConcurrent: 8, latencyMilliseconds: 25))
        #expect(loaded.providers["slow"] == ProviderConfig(name: "slow", api: .local, maxConcurrent: 2, latencyMilliseconds: 400))
        #expect(loaded.steps[0].model == ModelRef(provider: "slow", model: "studio"))
    }

    @Test func theNameLocalCannotBeRedeclaredAsARemoteProvider() {
        #expect(fixture.problem(withProviders(#""local": {"api": "openai", "base_url": "https://x.example"}"#))
                == #"providers.local.api: the provider name "local" is reserved for the built-in offline provider; its "api" must be "local""#)
    }

    @Test func apiIsRequiredAndOneOfTheKnownKinds() {
        #expect(fixture.problem(withProviders(#""gw": {"base_url": "https://x.example"}"#))
                == #"providers.gw.api: missing required field "api"; expected one of "openai", "opper", "local""#)
        #expect(fixture.problem(withProviders(#""gw": {"api": "openia", "base_url": "https://x.example"}"#))
                == #"providers.gw.api: expected one of "openai", "opper", "local", found "openia"; did you mean "openai"?"#)
    }

    @Test func baseURLIsRequiredForRemoteProvidersAndRefusedForLocalOnes() {
        #expect(fixture.problem(withProviders(#""o": {"api": "opper"}"#))
                == #"providers.o.base_url: missing required field "base_url"; expected an http(s) URL such as "https://api.openai.com/v1""#)
        #expect(fixture.problem(withProviders(#""o": {"api": "opper", "base_url": "ftp://files.example"}"#))
                == #"providers.o.base_url: expected an http(s) URL such as "https://api.openai.com/v1", found "ftp://files.example""#)
        #expect(fixture.problem(withProviders(#""sim": {"api": "local", "base_url": "https://x.example"}"#))
                == #"providers.sim.base_url: "base_url" does not apply to a provider with "api": "local""#)
        #expect(fixture.problem(withProviders(#""o": {"api": "openai", "base_url": "https://x.example", "latency_ms": 5}"#))
                == #"providers.o.latency_ms: "latency_ms" applies only to providers with "api": "local", this one has "api": "openai""#)
    }

    @Test func limitsAreRangeChecked() {
        let found = fixture.diagnostics(withProviders(#"""
            "openai": {"api": "openai", "base_url": "https://api.openai.com/v1", "max_concurrent": 0,
                       "requests_per_minute": 0, "timeout_s": 0, "poll_interval_s": -1},
            "sim": {"api": "local", "max_concurrent": 257, "latency_ms": -5}
            """#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "providers.openai.max_concurrent: expected an integer from 1 to 256, found 0",
            "providers.openai.requests_per_minute: expected an integer from 1 to 1000000, found 0",
            "providers.openai.timeout_s: expected a number greater than 0 and at most 86400, found 0",
            "providers.openai.poll_interval_s: expected a number greater than 0 and at most 3600, found -1",
            "providers.sim.latency_ms: expected an integer from 0 to 3600000, found -5",
            "providers.sim.max_concurrent: expected an integer from 1 to 256, found 257",
        ])
    }

    @Test func durationsAndRatesHaveCeilings() {
        let found = fixture.diagnostics(withProviders(#"""
            "openai": {"api": "openai", "base_url": "https://api.openai.com/v1", "timeout_s": 1e30,
                       "requests_per_minute": 1000000000, "retry": {"initial_backoff_s": 1e21}}
            """#))
        #expect(found.map(\.path) == ["providers.openai.requests_per_minute", "providers.openai.timeout_s",
                                      "providers.openai.retry.initial_backoff_s"])
    }

    @Test func retryPolicyIsValidatedAsAWhole() {
        let base = #""gw": {"api": "openai", "base_url": "https://x.example", "retry": "#
        #expect(fixture.problem(withProviders(base + #"{"max_attempts": 21}}"#))
                == "providers.gw.retry.max_attempts: expected an integer from 1 to 20, found 21")
        #expect(fixture.problem(withProviders(base + #"{"initial_backoff_s": 2, "max_backoff_s": 0.5}}"#))
                == "providers.gw.retry.max_backoff_s: expected a number of at least 2 (initial_backoff_s), found 0.5")
        #expect(fixture.problem(withProviders(base + #"{"max_backoff_s": 0.5}}"#))
                == "providers.gw.retry.max_backoff_s: expected a number of at least 1 (the default initial_backoff_s), found 0.5")
        #expect(fixture.problem(withProviders(base + #"{"max_attempt": 3}}"#))
                == #"providers.gw.retry.max_attempt: unknown field "max_attempt"; did you mean "max_attempts"?"#)
    }

    @Test func headersAreHTTPNamesWithSingleLineStringValues() {
        let base = #""gw": {"api": "openai", "base_url": "https://x.example", "headers": "#
        #expect(fixture.problem(withProviders(base + #"{"Bad Header": "x"}}"#))
                == #"providers.gw.headers: "Bad Header" is not a valid HTTP header name"#)
        #expect(fixture.problem(withProviders(base + #"{"X-Id": 3}}"#))
                == "providers.gw.headers.X-Id: expected a string header value, found number 3")
        #expect(fixture.problem(withProviders(base + #"{"X-Id": "a\r\nInjected: 1"}}"#))
                == "providers.gw.headers.X-Id: a header value cannot contain line breaks")
    }

    @Test func otherEntryFieldsAreChecked() {
        let found = fixture.diagnostics(withProviders(#"""
            "gw": {"api": "openai", "base_url": "https://x.example", "edit_mode": "form", "models": {"m": 1}, "max_concurent": 2},
            "bad:name": {"api": "local"}, "oops": 3
            """#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            #"providers.gw.max_concurent: unknown field "max_concurent"; did you mean "max_concurrent"?"#,
            #"providers.gw.edit_mode: expected one of "multipart", "inline", found "form""#,
            "providers.gw.models.m: expected an object, found number 1",
            #"providers["bad:name"]: a provider name must be non-empty without ':' or spaces, found "bad:name""#,
            "providers.oops: expected an object, found number 3",
        ])
    }

    /// Capability overrides are checked when read: finite, positive, bounded numbers, known keys,
    /// each problem at its own path — `max_aspect_ratio: 1e19` once crashed `validate`.
    @Test func capabilityOverridesAreCheckedFieldByField() {
        let found = fixture.diagnostics(withProviders(#"""
            "gw": {"api": "openai", "base_url": "https://x.example", "models": {
              "a": {"size_rule": {"max_aspect_ratio": 1e19, "multiple_of": 16}},
              "b": {"size_rule": {"max_aspect_ratio": 0, "multiple_of": 0, "max_pixels": -1}},
              "c": {"max_n": 0, "max_prompt_length": 1e308, "sizes": ["1024×1024"], "params": ["qualty"], "maxn": 2},
              "d": {"supports_edits": "yes", "aspect_ratios": ["16:0"], "values": {"quality": [1]}}
            }}
            """#))
        #expect(found.map { "\($0.path): \($0.message)" } == [
            "providers.gw.models.a.size_rule.max_aspect_ratio: expected a number of at least 1 and at most 16384, found 1e+19",
            "providers.gw.models.b.size_rule.multiple_of: expected an integer from 1 to 16384, found 0",
            "providers.gw.models.b.size_rule.max_aspect_ratio: expected a number of at least 1 and at most 16384, found 0",
            "providers.gw.models.b.size_rule.max_pixels: expected an integer from 1 to 268435456, found -1",
            #"providers.gw.models.c.maxn: unknown field "maxn"; did you mean "max_n"?"#,
            #"providers.gw.models.c.params[0]: expected one of "aspect_ratio", "background", "input_fidelity", "moderation", "output_compression", "output_format", "partial_images", "quality", "response_format", "seed", "size", "store", "style", "user", found "qualty"; did you mean "quality"?"#,
            #"providers.gw.models.c.sizes[0]: use the letter x between width and height, not the multiplication sign ×: write "1024x1024""#,
            "providers.gw.models.c.max_n: expected an integer from 1 to 10, found 0",
            "providers.gw.models.c.max_prompt_length: expected an integer from 1 to 1000000, found 1e+308",
            #"providers.gw.models.d.aspect_ratios[0]: expected an aspect ratio "W:H" of positive integers such as "16:9", found "16:0""#,
            "providers.gw.models.d.values.quality[0]: expected a string, found number 1",
            #"providers.gw.models.d.supports_edits: expected true or false, found string "yes""#,
        ])
    }

    @Test func anAPIKeyValuePastedInPlaceOfItsVariableNameIsNeverEchoed() throws {
        let message = try #require(fixture.problem(withProviders(#""gw": {"api": "openai", "base_url": "https://x.example", "api_key_env": "sk-live-abc123"}"#)))
        #expect(message.hasPrefix("providers.gw.api_key_env: expected the name of an environment variable"))
        #expect(!message.contains("sk-live"))
    }

    // MARK: API keys from the environment

    private let openai = #""openai": {"api": "openai", "base_url": "https://api.openai.com/v1", "api_key_env": "OPENAI_API_KEY"}"#

    @Test func anUnsetKeyIsFineWhileNoStepUsesTheProvider() throws {
        #expect(try fixture.load(withProviders(openai)).providers["openai"]?.apiKeyEnv == "OPENAI_API_KEY")
    }

    @Test func anUnsetKeyIsAnErrorOnceAStepUsesTheProviderNamingTheVariable() {
        #expect(fixture.problem(withProviders(openai, model: "openai:gpt-image-1"))
                == #"providers.openai.api_key_env: environment variable OPENAI_API_KEY is not set, and provider "openai" is used by steps[0] ("a")"#)
        #expect(fixture.problem(withProviders(openai, model: "openai:gpt-image-1"), environment: ["OPENAI_API_KEY": ""]) != nil)
    }

    @Test func aFallbackCountsAsUse() {
        let json = manifest(#"{"id": "a", "prompt": "x", "fallbacks": ["openai:dall-e-3"]}"#,
                            fields: #""providers": {\#(openai)}, "defaults": {"model": "local:studio"}"#)
        #expect(fixture.diagnostics(json).map(\.path) == ["providers.openai.api_key_env"])
    }

    @Test func aSetKeyIsAcceptedAndItsValueNeverAppearsInMessages() throws {
        let secret = "sk-test-very-secret"
        let loaded = try fixture.load(withProviders(openai, model: "openai:gpt-image-1"), environment: ["OPENAI_API_KEY": secret])
        #expect(loaded.steps[0].model.provider == "openai")
        let broken = withProviders(openai + #", "x": 1"#, model: "openai:gpt-image-1")
        #expect(fixture.diagnostics(broken, environment: ["OPENAI_API_KEY": secret]).allSatisfy { !$0.description.contains(secret) })
    }

    @Test func aMissingKeyIsReportedOncePerProvider() {
        let json = manifest(#"{"id": "a", "prompt": "x"}"#, #"{"id": "b", "prompt": "y"}"#,
                            fields: #""providers": {\#(openai)}, "defaults": {"model": "openai:gpt-image-1"}"#)
        #expect(fixture.diagnostics(json).count == 1)
    }

    private func capabilities(maxN: Int, sizes: [String]) -> ModelCapabilities {
        var caps = ModelCapabilities()
        caps.maxN = maxN
        caps.sizes = sizes
        return caps
    }
}
