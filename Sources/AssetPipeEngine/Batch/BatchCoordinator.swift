import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache

/// Gathers the requests that go through batches and submits them wave by wave: wave `k` is sent
/// once every step expected in it has arrived (or is known not to come), so one batch holds all
/// that can go together and a chain costs one wait per link. Each step then gets its own answer,
/// and a step whose line failed is expected again in the next wave.
///
/// It also collects the batches earlier runs left open (`collect`): a request whose key is in
/// one is answered from it, never sent again.
actor BatchCoordinator {
    /// A request waiting for its wave.
    private struct Entry {
        /// Names its waiting continuation.
        var id: Int
        var stepID: String
        var key: String
        var request: GenerationRequest
        var model: ModelRef
        var handle: ProviderHandle
        var provider: any BatchingProvider
    }

    private let options: BatchOptions
    private let makeSubmission: @Sendable (ProviderHandle, any BatchingProvider, ModelRef) -> BatchSubmission
    private let dependents: [String: [String]]
    private var waveOf: [String: Int]
    private var expected: [Int: Set<String>] = [:]
    private var arrived: [Int: [Entry]] = [:]
    private var lastSent = 0
    private var sent: Set<Int> = []
    /// Open batches of earlier runs by the keys they hold, and their collection once started.
    private var openByKey: [String: BatchRecord]
    private var collections: [String: Task<BatchSubmission.Outcome, Never>] = [:]
    /// Batches whose answers are out, by token, with the keys whose steps have not finished
    /// storing them: a batch's record is dropped only when it holds nothing a kill could lose.
    private var unsettled: [String: Set<String>] = [:]
    private var keyOfStep: [String: String] = [:]
    private var announced: Set<String> = []
    /// The steps waiting for their line's answer, by entry id.
    private var waiting: [Int: CheckedContinuation<BatchAnswer, any Error>] = [:]
    private var nextEntryID = 0
    /// Set once the run starts nothing new (a budget, `--fail-fast`, an interrupt): steps a wave
    /// expects may never come, so each wave goes with what it has.
    private var draining = false
    /// The tasks following this run's batches, stopped when the run ends.
    private var followers: [Task<Void, Never>] = []
    private let forget: @Sendable (_ token: String) async -> Void

    /// `openBatches`: earlier runs' batches, with only the keys the cache does not hold yet;
    /// `forget` drops a batch's record from the cache.
    init(plan: BatchPlan, graph: StepGraph, options: BatchOptions, openBatches: [BatchRecord],
         makeSubmission: @escaping @Sendable (ProviderHandle, any BatchingProvider, ModelRef) -> BatchSubmission,
         forget: @escaping @Sendable (_ token: String) async -> Void) {
        self.options = options
        self.makeSubmission = makeSubmission
        self.forget = forget
        dependents = graph.dependents
        waveOf = plan.waves
        for (step, wave) in plan.waves { expected[wave, default: []].insert(step) }
        var byKey: [String: BatchRecord] = [:]
        for record in openBatches { for line in record.lines { byKey[line.key] = record } }
        openByKey = byKey
    }

    /// The model of the batch an earlier run left open with the request under `key`, if any.
    func openBatchModel(for key: String) -> ModelRef? {
        openByKey[key].flatMap { ModelRef(parsing: $0.model) }
    }

    // MARK: Waves

    /// Sends `request` in `stepID`'s wave and waits for its answer line.
    func submit(stepID: String, key: String, request: GenerationRequest, model: ModelRef, handle: ProviderHandle,
                provider: any BatchingProvider) async throws -> BatchAnswer {
        // A step the plan did not put in a batch (it fell back to a model that takes them), or
        // whose wave has gone (its answer was unusable, it is asking again), joins the next wave,
        // and what takes its images moves after it.
        if waveOf[stepID].map(sent.contains) ?? true { expectAgain(stepID, in: lastSent + 1) }
        let wave = waveOf[stepID] ?? lastSent + 1
        let id = nextEntryID
        nextEntryID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard !Task.isCancelled else { return continuation.resume(throwing: CancellationError()) }
                waiting[id] = continuation
                arrived[wave, default: []].append(Entry(id: id, stepID: stepID, key: key, request: request, model: model,
                                                        handle: handle, provider: provider))
                sendReadyWaves()
            }
        } onCancel: {
            Task { await self.stopWaiting(id) }
        }
    }

    /// An interrupted step stops waiting; a batch it is in goes on (and is collected later).
    private func stopWaiting(_ id: Int) {
        for wave in arrived.keys { arrived[wave]?.removeAll { $0.id == id } }
        waiting.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    /// The run starts nothing new: every wave goes with the steps it has.
    func drain() {
        draining = true
        sendReadyWaves()
    }

    /// The run is over: batches still followed are left to the next run, which finds their
    /// records.
    func shutdown() {
        followers.forEach { $0.cancel() }
        collections.values.forEach { $0.cancel() }
        for continuation in waiting.values { continuation.resume(throwing: CancellationError()) }
        waiting = [:]
    }

    private func resume(_ entry: Entry, with result: Result<BatchAnswer, any Error>) {
        waiting.removeValue(forKey: entry.id)?.resume(with: result)
    }

    /// `stepID` sends nothing (more) in a batch: it goes on its own, or collects an earlier one.
    func leave(_ stepID: String) {
        guard let wave = waveOf[stepID] else { return }
        expected[wave]?.remove(stepID)
        sendReadyWaves()
    }

    /// `stepID` is over (stored, failed or skipped): its wave stops waiting for it, and a batch
    /// whose every answer is now in the cache is forgotten.
    func finished(_ stepID: String) async {
        leave(stepID)
        guard let key = keyOfStep.removeValue(forKey: stepID) else { return }
        for (token, keys) in unsettled where keys.contains(key) {
            let remaining = keys.subtracting([key])
            unsettled[token] = remaining.isEmpty ? nil : remaining
            if remaining.isEmpty { await forget(token) }
        }
    }

    /// Answers of batch `token` are out: it is forgotten once the steps behind `keys` finish.
    private func answersOut(token: String, keys: some Sequence<String>) {
        guard announced.insert(token).inserted else { return }
        unsettled[token] = Set(keys)
    }

    private func sendReadyWaves() {
        for wave in expected.keys.sorted() {
            let entries = arrived[wave] ?? []
            guard !entries.isEmpty, draining || (expected[wave] ?? []).isSubset(of: Set(entries.map(\.stepID))) else { continue }
            expected[wave] = nil
            arrived[wave] = nil
            lastSent = max(lastSent, wave)
            sent.insert(wave)
            send(entries, wave: wave)
        }
    }

    /// One batch per model and endpoint (several when the limits split it), each followed on
    /// its own task.
    private func send(_ entries: [Entry], wave: Int) {
        var groups: [String: [(entry: Entry, line: BatchLine)]] = [:]
        var order: [String] = []
        for entry in entries {
            do {
                guard let line = try entry.provider.batchLine(for: entry.request, customID: entry.key) else {
                    throw ProviderError(.configuration, "\(entry.model) cannot take this request in a batch")
                }
                let group = "\(entry.model)|\(line.endpoint.rawValue)"
                if groups[group] == nil { order.append(group) }
                groups[group, default: []].append((entry, line))
            } catch {
                fail(entry, BatchSubmission.providerError(error), wave: wave)
            }
        }
        for group in order {
            for chunk in Self.chunks(groups[group] ?? [], limits: options.limits) {
                followers.append(Task { await self.follow(chunk, wave: wave) })
            }
        }
    }

    private func follow(_ chunk: [(entry: Entry, line: BatchLine)], wave: Int) async {
        guard let first = chunk.first?.entry else { return }
        // One line per key: two steps asking for the same images share it.
        var lines: [BatchLine] = []
        var steps: [String] = []
        for (entry, line) in chunk where !lines.contains(where: { $0.customID == line.customID }) {
            lines.append(line)
            steps.append(entry.stepID)
        }
        let outcome = await makeSubmission(first.handle, first.provider, first.model).start(lines, steps: steps)
        if case let .answered(token, _, _) = outcome { answersOut(token: token, keys: lines.map(\.customID)) }
        for (entry, _) in chunk {
            keyOfStep[entry.stepID] = entry.key
            deliver(outcome, to: entry, wave: wave)
        }
    }

    private func deliver(_ outcome: BatchSubmission.Outcome, to entry: Entry, wave: Int) {
        switch outcome {
        case let .answered(_, batchID, lines):
            if let line = lines[entry.key] {
                // A line that failed will most likely be asked again: the next wave waits for it,
                // so the lines an expiry left unrun go together.
                if !line.succeeded { expectAgain(entry.stepID, in: wave + 1) }
                resume(entry, with: .success(BatchAnswer(line: line, batchID: batchID)))
            } else {
                fail(entry, ProviderError(.unusableResponse, "batch \(batchID) has no answer for this request"), wave: wave)
            }
        case let .submitted(batchID):
            resume(entry, with: .failure(BatchSubmitted(batchID: batchID)))
        case .notSubmitted:
            fail(entry, ProviderError(.taskFailed, "the batch was not submitted"), wave: wave)
        case let .failed(error, byKey):
            fail(entry, byKey[entry.key] ?? error, wave: wave)
        }
    }

    /// A failed line: the step may try again (the next wave expects it) or give up (`leave`).
    private func fail(_ entry: Entry, _ error: ProviderError, wave: Int) {
        if error.kind != .taskUnsettled { expectAgain(entry.stepID, in: wave + 1) }
        resume(entry, with: .failure(error))
    }

    /// Moves `stepID` to `wave` or later, and what takes its images further still.
    private func expectAgain(_ stepID: String, in wave: Int) {
        if let current = waveOf[stepID] {
            guard current < wave else { return }
            expected[current]?.remove(stepID)
        }
        waveOf[stepID] = wave
        expected[wave, default: []].insert(stepID)
        pushDependents(of: stepID, after: wave)
    }

    /// Moves the batched steps downstream of `stepID` (through steps sent on their own) after `wave`.
    private func pushDependents(of stepID: String, after wave: Int) {
        for dependent in dependents[stepID] ?? [] {
            if waveOf[dependent] != nil {
                expectAgain(dependent, in: wave + 1)
            } else {
                pushDependents(of: dependent, after: wave)
            }
        }
    }

    /// Lines in order, cut wherever one more would pass a limit.
    static func chunks<Item>(_ items: [(entry: Item, line: BatchLine)], limits: BatchLimits) -> [[(entry: Item, line: BatchLine)]] {
        var chunks: [[(entry: Item, line: BatchLine)]] = []
        var current: [(entry: Item, line: BatchLine)] = []
        var inputBytes = 0, outputBytes = 0
        for item in items {
            let output = item.line.expectedAnswerBytes
            if !current.isEmpty, current.count + 1 > limits.maxLines || inputBytes + item.line.encoded.count > limits.maxInputBytes
                || outputBytes + output > limits.maxOutputBytes {
                chunks.append(current)
                current = []
                inputBytes = 0
                outputBytes = 0
            }
            current.append(item)
            inputBytes += item.line.encoded.count
            outputBytes += output
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    // MARK: Batches of earlier runs

    /// The answer the open batch holding `key` gives, once it is over; nil when no batch holds it
    /// or the one that did never ran (the step sends its request as usual).
    func collect(stepID: String, key: String, handle: ProviderHandle, provider: any BatchingProvider, model: ModelRef) async throws -> BatchAnswer? {
        guard let record = openByKey[key] else { return nil }
        // A submitted batch may take hours: this run's waves do not wait for it. One that may
        // never have been made is settled at once, and the step goes in its wave if it was not.
        if record.stage == .submitted { leave(stepID) }
        let task = collections[record.token] ?? Task { [makeSubmission] in
            await makeSubmission(handle, provider, model).resume(record)
        }
        collections[record.token] = task
        let outcome = await task.value
        keyOfStep[stepID] = key
        if case let .answered(token, _, _) = outcome { answersOut(token: token, keys: record.lines.map(\.key)) }
        switch outcome {
        case let .answered(_, batchID, lines):
            openByKey[key] = nil
            return lines[key].map { BatchAnswer(line: $0, batchID: batchID) }
        case let .submitted(batchID):
            throw BatchSubmitted(batchID: batchID)
        case .notSubmitted:
            openByKey[key] = nil
            return nil
        case let .failed(error, byKey):
            if error.kind != .taskUnsettled { openByKey[key] = nil }
            throw byKey[key] ?? error
        }
    }
}

/// One request's line of a finished batch, and which batch it came from.
struct BatchAnswer: Sendable {
    var line: BatchResultLine
    var batchID: String
}

extension BatchResultLine {
    /// Answered 200: it holds images (unless they turn out unusable).
    var succeeded: Bool {
        if case .answered(200, _) = outcome { true } else { false }
    }
}

extension BatchLine {
    /// What its answer may weigh: each image as raw RGB, in base64. Generated art compresses
    /// below that, so a batch cut by it fits in what the client reads at once.
    var expectedAnswerBytes: Int {
        let (width, height) = (pixelSize?.width ?? 1024, pixelSize?.height ?? 1024)
        return imageCount * width * height * 3 * 4 / 3
    }
}
