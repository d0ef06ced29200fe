import Foundation
import Synchronization
import AssetPipeBasics
import AssetPipeImaging
import AssetPipeProviders

/// A provider whose answers a test scripts per step (and per model), which records every call
/// and how many calls were in flight at once.
final class ScriptedProvider: ImageProvider {
    struct Call: Sendable {
        var stepID: String
        var model: String
        var time: Duration
        var inputCount: Int
        /// The `n` the request asked for.
        var n: Int
    }

    private struct State {
        var scripts: [String: [Result<Int, ProviderError>]] = [:]
        var calls: [Call] = []
        var inFlight = 0
        var maxInFlight = 0
    }

    private let state = Mutex(State())
    private let clock: any RunClock
    /// Time each call takes on `clock`; zero means it answers after yielding a few times.
    private let latency: Duration
    let name: String
    /// Shared across providers so a test can observe the total in flight.
    let sharedCounter: InFlightCounter?
    /// The most images one request may ask of each model; models not listed take any `n`.
    let imageLimits: [String: Int]

    init(name: String = "fake", clock: any RunClock, latency: Duration = .zero, sharedCounter: InFlightCounter? = nil,
         imageLimits: [String: Int] = [:]) {
        self.name = name
        self.clock = clock
        self.latency = latency
        self.sharedCounter = sharedCounter
        self.imageLimits = imageLimits
    }

    func maxImagesPerRequest(for model: String) -> Int? { imageLimits[model] }

    /// Answers for `key` (a step id, or `stepID@model`), consumed in order; when they run out,
    /// calls succeed. `.success(n)` returns n images.
    func script(_ key: String, _ answers: [Result<Int, ProviderError>]) {
        state.withLock { $0.scripts[key] = answers }
    }

    var calls: [Call] { state.withLock { $0.calls } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func calls(for stepID: String) -> [Call] { calls.filter { $0.stepID == stepID } }

    func generate(_ request: GenerationRequest) async throws -> ProviderAnswer {
        let (answer, call) = state.withLock { state -> (Result<Int, ProviderError>, Int) in
            let call = state.calls.filter { $0.stepID == request.stepID }.count
            state.calls.append(Call(stepID: request.stepID, model: request.model, time: clock.now,
                                    inputCount: request.inputs.images.count + request.inputs.referenceImages.count, n: request.parameters.n))
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            for key in ["\(request.stepID)@\(request.model)", request.stepID] {
                if var answers = state.scripts[key], !answers.isEmpty {
                    let next = answers.removeFirst()
                    state.scripts[key] = answers
                    return (next, call)
                }
            }
            return (.success(request.parameters.n), call)
        }
        sharedCounter?.enter()
        defer {
            sharedCounter?.leave()
            state.withLock { $0.inFlight -= 1 }
        }
        if latency > .zero {
            try await clock.sleep(for: latency)
        } else {
            for _ in 0..<20 { await Task.yield() }
        }
        let count = try answer.get()
        // Each image names its provider, step, call and index, so no two calls give the same bytes.
        return .images(GenerationResult(images: (0..<count).map { index in
            FakeImages.encoded("\(name)/\(request.stepID)#\(index) (call \(call + 1))", provider: name)
        }))
    }
}

/// Counts calls in flight across several providers.
final class InFlightCounter: Sendable {
    private let state = Mutex((current: 0, max: 0))
    var max: Int { state.withLock { $0.max } }
    func enter() { state.withLock { $0.current += 1; $0.max = Swift.max($0.max, $0.current) } }
    func leave() { state.withLock { $0.current -= 1 } }
}

enum FakeImages {
    /// An image whose bytes name it, not decodable: for steps without outputs.
    static func encoded(_ label: String, provider: String) -> EncodedImage {
        EncodedImage(data: Data(label.utf8), header: ImageHeader(format: .png, width: 8, height: 8, hasAlpha: false),
                     origin: ImageOrigin(provider: provider))
    }
}
