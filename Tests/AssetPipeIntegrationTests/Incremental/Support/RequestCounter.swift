import Foundation
import Synchronization
@testable import AssetPipeBasics
@testable import AssetPipeManifest
@testable import AssetPipeImaging
@testable import AssetPipeProviders
@testable import AssetPipeCache
@testable import AssetPipeEngine
@testable import AssetPipeCLI
@testable import AssetPipeTestSupport
@testable import ProviderEmulator

/// Answers every provider of a manifest (the paid-looking ones too) with real images from the
/// offline `local` renderer, and counts the requests by step: the "paid requests" of these specs.
final class RequestCounter: Sendable {
    private let requests = Mutex<[String]>([])
    /// What each answer reports as `usage.cost`; nil reports nothing, so the manifest's prices apply.
    let reportedCost: Double?
    /// Awaited before each answer, with the request's position (from 0) among all requests.
    let beforeAnswer: @Sendable (Int) async -> Void

    init(reportedCost: Double? = nil, beforeAnswer: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.reportedCost = reportedCost
        self.beforeAnswer = beforeAnswer
    }

    /// For `Runner` and `CLIHarness`.
    var factory: ProviderFactory {
        { [self] config, context in CountedProvider(inner: LocalProvider(name: config.name, clock: context.clock), counter: self) }
    }

    /// Step ids of the requests sent so far, in order.
    var all: [String] { requests.withLock { $0 } }

    /// The requests since the last call, sorted by step id.
    func take() -> [String] {
        requests.withLock { requests in
            defer { requests.removeAll() }
            return requests.sorted()
        }
    }

    fileprivate func note(_ stepID: String) -> Int {
        requests.withLock { requests in
            requests.append(stepID)
            return requests.count - 1
        }
    }
}

private struct CountedProvider: ImageProvider {
    var inner: LocalProvider
    var counter: RequestCounter

    func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
        let position = counter.note(request.stepID)
        await counter.beforeAnswer(position)
        var result = try await inner.render(request)
        result.cost = counter.reportedCost
        return .images(result)
    }
}
