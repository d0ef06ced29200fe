import Foundation
import Testing
@testable import AssetPipeBasics
@testable import AssetPipeProviders
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// A key is never written down: whatever way a request fails — the server quoting the key in its
/// JSON error, echoing the `Authorization` header in an HTML page cut short for the message,
/// redirecting to a `Location` that carries it, a proxy URL holding it as its password — the key
/// is in no output, report, events file, JUnit file, job summary, lockfile, cache file, journal,
/// printed line or error message.
@Suite struct EndToEndKeyLeakTests {
    /// Recognisable anywhere, in full or cut: every check looks for `marker`.
    private static let key = "sk-LEAKCHECK-3f9a1c7e5b2d4068a1c3e5f7"
    private static let marker = "LEAKCHECK"

    private static func manifest(at emulator: ProviderEmulator) -> String {
        let provider = #""api": "openai", "base_url": "\#(emulator.openAIBaseURL.absoluteString)", "api_key_env": "LEAK_KEY", "timeout_s": 5, "retry": {"max_attempts": 2, "initial_backoff_s": 0.01, "max_backoff_s": 0.02}"#
        return #"""
            {"version": 1,
             "providers": {"gw": {\#(provider)}},
             "steps": [
               {"id": "fine", "model": "gw:gpt-image-1", "prompt": "an asset <fine>", "outputs": [{"path": "fine.png"}]},
               {"id": "quoted", "model": "gw:gpt-image-1", "prompt": "an asset <quoted>", "outputs": [{"path": "quoted.png"}]},
               {"id": "echoed-401", "model": "gw:gpt-image-1", "prompt": "an asset <echoed-401>", "outputs": [{"path": "e401.png"}]},
               {"id": "echoed-502", "model": "gw:gpt-image-1", "prompt": "an asset <echoed-502>", "outputs": [{"path": "e502.png"}]},
               {"id": "downstream", "model": "gw:gpt-image-1", "prompt": "an edit <downstream>", "image": "@echoed-401",
                "outputs": [{"path": "downstream.png"}]},
               {"id": "redirected", "model": "gw:dall-e-3", "prompt": "an asset <redirected>", "outputs": [{"path": "redirected.png"}]}
             ]}
            """#
    }

    /// Every file under `folder` that holds the marker, by path relative to it.
    private static func filesHoldingTheKey(under folder: URL) -> [String] {
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
        return paths.filter { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { return false }
            return data.range(of: Data(marker.utf8)) != nil
        }
    }

    @Test func aKeyEchoedOnEveryFailurePathIsInNoFileStreamOrMessage() async throws {
        let emulator = ProviderEmulator(EmulatorConfiguration(keys: [EmulatorKey(label: "gw", secret: Self.key)],
                                                              models: ["dall-e-3": ModelBehavior(answersWithURL: true)],
                                                              imageFactory: EndToEnd.realImages))
        try emulator.start()
        defer { emulator.stop() }
        emulator.inject(.apiError(status: 400, message: "Invalid request from key \(Self.key).", type: "invalid_request_error",
                                  code: nil), matching: .marker("<quoted>"))
        emulator.inject(.echoesRequest(status: 401), matching: .marker("<echoed-401>"))
        emulator.inject(.echoesRequest(status: 502), matching: .marker("<echoed-502>"), times: 2)
        // The image's URL answers with a redirect carrying the key, and the hop with a page quoting it.
        emulator.inject(.status(302, headers: ["Location": "/files/gone?api_key=\(Self.key)"]),
                        matching: RequestMatcher { $0.path.hasPrefix("/files/") && $0.path != "/files/gone" }, times: 5)
        emulator.inject(.echoesRequest(status: 404), matching: .path("/files/gone"), times: 5)

        let file = try CLIHarness.writeManifest(Self.manifest(at: emulator))
        let folder = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let artifacts = ["report.json", "events.jsonl", "junit.xml", "summary.md"].map { folder.appendingPathComponent($0).path }
        let cli = CLIHarness(environment: ["LEAK_KEY": Self.key, "GITHUB_STEP_SUMMARY": artifacts[3]])
        let result = await cli.run(["run", file.path, "--verbose", "--report", artifacts[0], "--events", artifacts[1],
                                    "--junit", artifacts[2]])

        #expect(result.code == 1)
        let printed = (result.output + result.errors).joined(separator: "\n")
        for status in ["HTTP 400", "HTTP 401", "HTTP 502", "HTTP 404"] {
            #expect(printed.contains(status), "no step failed with \(status):\n\(printed)")
        }
        #expect(printed.contains(Secret.placeholder), "nothing was redacted, so nothing was echoed:\n\(printed)")
        #expect(emulator.requests { $0.path == "/files/gone" }.isEmpty == false, "the redirect was not followed")
        #expect(!printed.contains(Self.marker), "printed:\n\(printed)")
        for artifact in artifacts + [folder.appendingPathComponent("pack.lock.json").path] {
            #expect(FileManager.default.fileExists(atPath: artifact), "\(artifact) was not written")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".assetpipe/cache").path))
        #expect(Self.filesHoldingTheKey(under: folder) == [])
    }

    /// The transport reads proxies from the environment, so this runs the executable: a proxy
    /// whose URL holds the key as its password, and that is down.
    @Test func aProxyURLsPasswordIsNeverPrinted() async throws {
        let emulator = try EndToEnd.emulator(accounts: [EmulatorKey(label: "gw", secret: Self.key)])
        defer { emulator.stop() }
        let closed = try EndToEnd.emulator(accounts: [])
        let proxyPort = closed.openAIBaseURL.port ?? 9
        closed.stop()
        let file = try CLIHarness.writeManifest(Self.manifest(at: emulator))
        let folder = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let proxy = "http://user:\(Self.key)@127.0.0.1:\(proxyPort)"
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
        environment.merge(["LEAK_KEY": Self.key, "http_proxy": proxy, "https_proxy": proxy, "HTTPS_PROXY": proxy,
                           "GITHUB_STEP_SUMMARY": folder.appendingPathComponent("summary.md").path]) { _, given in given }
        environment["ASSETPIPE_CACHE_DIR"] = nil

        let child = try ChildProcess(["run", file.path, "--only", "fine", "--verbose", "--report", "report.json",
                                      "--events", "events.jsonl", "--junit", "junit.xml"], in: folder, environment: environment)
        let ending = try await child.end(within: .seconds(60))

        #expect(ending.status == 1, "the run did not fail through the proxy:\n\(ending.stderr)")
        #expect(emulator.requests { _ in true }.isEmpty, "the request went around the proxy")
        #expect(ending.stderr.contains("fine"), "\(ending.stderr)")
        #expect(!ending.stderr.contains(Self.marker), "stderr:\n\(ending.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.json").path))
        #expect(Self.filesHoldingTheKey(under: folder) == [])
    }
}
