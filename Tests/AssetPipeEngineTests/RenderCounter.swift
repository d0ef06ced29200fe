import Synchronization
@testable import AssetPipeProviders

/// The offline renderer, counting the requests it answers by step: the "paid requests" of these specs.
final class RenderCounter: Sendable {
    private let requests = Mutex<[String]>([])

    /// The step of each request, in order.
    var steps: [String] { requests.withLock { $0 } }

    var factory: ProviderFactory {
        { [self] config, context in Counted(inner: LocalProvider(name: config.name, clock: context.clock), counter: self) }
    }

    private struct Counted: ImageProvider {
        var inner: LocalProvider
        var counter: RenderCounter

        func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
            counter.requests.withLock { $0.append(request.stepID) }
            return try await inner.generate(request)
        }
    }
}
