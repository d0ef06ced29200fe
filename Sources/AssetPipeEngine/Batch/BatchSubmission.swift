import Foundation
import AssetPipeBasics
import AssetPipeManifest
import AssetPipeProviders
import AssetPipeCache

/// One batch from its input file to its answers: every stage is filed in the cache before it is
/// taken (uploading, creating, submitted), so a run killed at any point is followed by one that
/// finds the batch and collects it — it never submits the same requests twice.
struct BatchSubmission: Sendable {
    /// How it ended for this run.
    enum Outcome: Sendable {
        /// The batch is over; its result lines by custom id (its cache key). `token` names its
        /// record, kept until every answer is stored.
        case answered(token: String, batchID: String, lines: [String: BatchResultLine])
        /// Submitted, not waited for (`--no-wait`).
        case submitted(batchID: String)
        /// It never existed (an interrupted upload, a creation that did not happen): its
        /// requests are free to be sent again.
        case notSubmitted
        /// No answers: the same error for every line (an upload refused, a batch that failed
        /// validation, with each line's problem when the API named it).
        case failed(ProviderError, byKey: [String: ProviderError])
    }

    var cache: GenerationCache
    var blocking: BlockingExecutor
    var clock: any RunClock
    var observer: any RunObserver
    var timestamp: @Sendable () -> String
    var handle: ProviderHandle
    var provider: any BatchingProvider
    var model: ModelRef
    var wait: Bool

    /// A batch is polled for at most a day and an hour: the API's window, and time to finalize.
    static let ceiling: Duration = .seconds(25 * 3600)

    /// Starts a batch of `lines` (one model, one endpoint) and follows it to its end.
    func start(_ lines: [BatchLine], steps: [String]) async -> Outcome {
        let content = lines.reduce(into: Data()) { $0.append($1.encoded) }
        let token = SHA256.hex(content)
        var record = BatchRecord(token: token, provider: handle.config.name, model: model.description,
                                 endpoint: lines.first?.endpoint.rawValue ?? BatchEndpoint.generations.rawValue,
                                 lines: zip(lines, steps).map { BatchRecord.Line(key: $0.customID, step: $1) },
                                 stage: .uploading, createdAt: timestamp())
        do {
            try await file(record)
            record.fileID = try await provider.uploadBatchInput(content, filename: "assetpipe-\(token.prefix(16)).jsonl")
            record.stage = .creating
            try await file(record)
        } catch {
            // Nothing is submitted until the batch is created: the requests may go again.
            await forget(record)
            return .failed(Self.providerError(error), byKey: [:])
        }
        do {
            let batch = try await provider.createBatch(inputFileID: record.fileID ?? "",
                                                       endpoint: BatchEndpoint(rawValue: record.endpoint) ?? .generations,
                                                       metadata: ["assetpipe": token])
            return await submitted(record, as: batch)
        } catch {
            return await creationFailed(record, error)
        }
    }

    /// A creation that did not answer may still have made the batch. Only an answer saying no
    /// (a 4xx) lets its requests go again; otherwise the account's batches are looked through,
    /// and when they cannot be, the record stays for the next run to look.
    private func creationFailed(_ record: BatchRecord, _ error: any Error) async -> Outcome {
        let failure = Self.providerError(error)
        if let status = failure.httpStatus, (400..<500).contains(status) {
            await forget(record)
            return .failed(failure, byKey: [:])
        }
        guard !Task.isCancelled else { return lookedFor(record, "was being created when the run was interrupted") }
        switch await find(record) {
        case let .found(batch):
            return await submitted(record, as: batch)
        case .absent:
            await forget(record)
            return .failed(failure, byKey: [:])
        case .unknown:
            return lookedFor(record, "may have been created (\(failure)) and the account's batches could not be listed")
        }
    }

    /// Files the batch's id, then follows it. Should the record not be written, the one saying
    /// `creating` still leads the next run to the batch.
    private func submitted(_ record: BatchRecord, as batch: BatchObject) async -> Outcome {
        var record = record
        record.batchID = batch.id
        record.stage = .submitted
        try? await file(record)
        return await follow(record, batch: batch)
    }

    /// Picks up a batch an earlier run started, at the stage its record says.
    func resume(_ record: BatchRecord) async -> Outcome {
        switch record.stage {
        case .uploading:
            await forget(record)
            return .notSubmitted
        case .creating:
            switch await find(record) {
            case let .found(batch):
                return await submitted(record, as: batch)
            case .absent:
                await forget(record)
                return .notSubmitted
            case .unknown:
                return lookedFor(record, "may have been created and the account's batches could not be listed")
            }
        case .submitted:
            guard let batchID = record.batchID else { return .notSubmitted }
            return await follow(record, batch: BatchObject(id: batchID, status: .validating))
        }
    }

    /// Polls until the batch is over, then reads its files.
    private func follow(_ record: BatchRecord, batch: BatchObject) async -> Outcome {
        guard wait else { return .submitted(batchID: batch.id) }
        let steps = record.lines.map(\.step)
        var current = batch
        var announced: BatchObject?
        let giveUpAt = clock.now + Self.ceiling
        var pause = interval
        while !current.status.isFinal {
            if announced.map({ ($0.status, $0.completed, $0.failed) != (current.status, current.completed, current.failed) }) ?? true {
                announce(current, steps: steps)
                announced = current
            }
            guard clock.now + pause <= giveUpAt else { return unsettled(record, "did not finish within \(Self.ceiling)") }
            do {
                try await clock.sleep(for: pause)
                pause = min(pause * 3 / 2, interval * 30)
                current = try await handle.requestSlots.withSlot(.background) { try await provider.batch(id: batch.id) }
            } catch is CancellationError {
                return .submitted(batchID: batch.id)
            } catch let error as ProviderError where error.isRetryable {
                continue
            } catch let error as ProviderError where error.httpStatus == 404 {
                await forget(record)
                return .failed(ProviderError(.taskFailed, "batch \(batch.id) is unknown to \(handle.config.name)"), byKey: [:])
            } catch {
                return unsettled(record, "could not be polled (\(error))")
            }
        }
        announce(current, steps: steps)
        return await read(current, record: record)
    }

    /// The answers of a finished batch; a failed one's validation errors, by the line they name.
    private func read(_ batch: BatchObject, record: BatchRecord) async -> Outcome {
        if batch.status == .failed {
            var byKey: [String: ProviderError] = [:]
            for error in batch.errors {
                guard let line = error.line, record.lines.indices.contains(line - 1) else { continue }
                byKey[record.lines[line - 1].key] = ProviderError(.rejected, "batch \(batch.id), line \(line): \(error.message)")
            }
            let summary = batch.errors.first.map { "\($0.message)" } ?? "no reason given"
            await forget(record)
            return .failed(ProviderError(.rejected, "batch \(batch.id) failed validation: \(summary)"), byKey: byKey)
        }
        var lines: [String: BatchResultLine] = [:]
        for fileID in [batch.outputFileID, batch.errorFileID].compactMap({ $0 }) {
            guard let content = await download(fileID) else { return unsettled(record, "its results could not be downloaded") }
            for line in BatchResultLine.lines(in: content) { lines[line.customID] = line }
        }
        return .answered(token: record.token, batchID: batch.id, lines: lines)
    }

    /// A file's content, tried a few times: the answers exist and are paid for.
    private func download(_ fileID: String) async -> Data? {
        for attempt in 1...3 {
            do {
                return try await handle.requestSlots.withSlot(.background) { try await provider.batchFile(id: fileID) }
            } catch let error as ProviderError where error.isRetryable && attempt < 3 {
                try? await clock.sleep(for: .seconds(attempt))
            } catch {
                return nil
            }
        }
        return nil
    }

    /// What the account's batches say of one a run was creating when it was killed or lost the
    /// answer.
    enum Search {
        case found(BatchObject)
        case absent
        /// The list could not be read: the batch may exist.
        case unknown
    }

    /// The batch created on the record's input file, among the account's newest (the file was
    /// uploaded for this one batch; the token alone could also name an earlier batch of the
    /// same requests that failed).
    private func find(_ record: BatchRecord) async -> Search {
        var after: String?
        for _ in 0..<Self.pagesSearched {
            guard let page = try? await handle.requestSlots.withSlot(.background, { try await provider.listBatches(after: after) })
            else { return .unknown }
            if let found = page.batches.first(where: { batch in
                record.fileID.map { batch.inputFileID == $0 } ?? (batch.metadata["assetpipe"] == record.token)
            }) {
                return .found(found)
            }
            guard page.hasMore, let last = page.batches.last else { return .absent }
            after = last.id
        }
        return .absent
    }

    /// Pages of 100 batches looked through: a batch being created is among the newest.
    static let pagesSearched = 10

    /// A record kept for the next run, which looks for the batch again before sending anything.
    private func lookedFor(_ record: BatchRecord, _ what: String) -> Outcome {
        .failed(ProviderError(.taskUnsettled, "a batch of \(record.lines.count) requests \(what); it is not submitted again, and the next run looks for it"),
                byKey: [:])
    }

    /// Kept in the cache for a later run to collect: the batch exists and may hold answers.
    private func unsettled(_ record: BatchRecord, _ what: String) -> Outcome {
        .failed(ProviderError(.taskUnsettled, "batch \(record.batchID ?? "") \(what); it is not submitted again, and a later run collects it"),
                byKey: [:])
    }

    private var interval: Duration { .seconds(handle.config.pollIntervalSeconds) }

    private func announce(_ batch: BatchObject, steps: [String]) {
        observer.record(.batchProgress(BatchProgress(batchID: batch.id, model: model, status: batch.status,
                                                     total: batch.total, completed: batch.completed, failed: batch.failed,
                                                     steps: steps)))
    }

    private func file(_ record: BatchRecord) async throws {
        try await blocking.runToCompletion { [cache] in try cache.recordBatch(record) }
    }

    private func forget(_ record: BatchRecord) async {
        _ = try? await blocking.runToCompletion { [cache] in cache.clearBatch(token: record.token) }
    }

    static func providerError(_ error: any Error) -> ProviderError {
        (error as? ProviderError) ?? ProviderError(.configuration, "\(error)")
    }
}
