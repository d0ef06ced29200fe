import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import ProviderEmulator

/// Peak resident memory of a download from a hostile loopback server, one case at a time, with
/// the production cap (256 MiB) and an 8 s deadline: an answer refused while it streams must
/// leave the process near its baseline plus the cap, however much the server sends. The server
/// runs in this process on its own threads and holds no more than one 256 KiB piece a case.
/// `VmHWM` is reset before each case, so each figure is that case's own peak; the baseline is
/// what the cases before left resident (malloc keeps freed memory).
enum HostileServerBenchmark {
    private static let timeoutSeconds = 8.0

    private static let cases: [(name: String, behaviour: HostileBehaviour)] = [
        ("4 GiB declared by Content-Length", .oversizedBody(declaredLength: 4 << 30, streamedLength: 4 << 30)),
        ("4 GiB with no length (ends at close)", .oversizedBody(declaredLength: nil, streamedLength: 4 << 30)),
        ("gzip, 32 MiB inflating to 5 GiB", .gzipBomb(compressedLength: 32 << 20)),
        ("chunked, never ends (16-byte chunks)", .chunkedForever(interval: .zero)),
        ("trickle, 1 byte a second", .trickle(interval: .seconds(1))),
        ("200 MiB body, under the cap", .oversizedBody(declaredLength: 200 << 20, streamedLength: 200 << 20)),
    ]

    static func run() async throws {
        let config = ProviderConfig(name: "hostile", api: .openai, baseURL: URL(string: "http://127.0.0.1/"),
                                    timeoutSeconds: timeoutSeconds)
        let client = try ProviderHTTPClient(config: config, apiKey: "", transport: URLSessionTransport.shared,
                                            clock: SystemClock(), pacer: UnlimitedPacer())
        print("## Hostile servers: peak RSS of one download (cap \(ProviderHTTPClient.defaultMaxResponseBytes >> 20) MiB, "
              + "deadline \(Int(timeoutSeconds)) s)")
        print("case | outcome | time | baseline RSS | peak RSS | peak above baseline")
        for (name, behaviour) in cases {
            let server = try HostileServer(behaviour)
            let baseline = ProcessStats.residentMiB() ?? 0
            ProcessStats.resetPeakResident()
            let start = ContinuousClock.now
            var outcome: String
            do {
                let response = try await client.get(server.url())
                outcome = "accepted, \(response.body.count >> 20) MiB"
            } catch let error as ProviderError {
                outcome = "\(error.kind)\(error.isRetryable ? "" : ", not retried")"
            }
            let elapsed = ContinuousClock.now - start
            let peak = ProcessStats.peakResidentMiB() ?? 0
            server.stop()
            // Pieces corelibs-foundation had queued for the delegate are freed as the queue drains.
            try await Task.sleep(for: .seconds(2))
            print(String(format: "%@ | %@ | %.1f s | %.0f MiB | %.0f MiB | %+.0f MiB", name, outcome,
                         elapsed.milliseconds / 1000, baseline, peak, peak - baseline))
            fflush(nil)
        }
        print("")
    }
}
