import Foundation

/// How a batch takes a step: the state machine `BatchBehavior` describes.
extension BatchRecord {
    /// Takes one step. Statuses that wait answer this step and stop; the others pass straight
    /// on, so one step may validate, run lines and finish a batch. Lines run at most once per
    /// step, and each line runs once ever: `results` only grows.
    mutating func step(_ behavior: BatchBehavior, _ work: some BatchWork) {
        stepsTaken += 1
        var ranLines = false
        while !status.isTerminal {
            switch status {
            case .validating:
                if waits(behavior.validatingSteps) { return }
                validate(behavior, work)
            case .inProgress:
                if ranLines { return }
                ranLines = true
                runLines(behavior, work)
            case .finalizing:
                if waits(behavior.finalizingSteps) { return }
                close(.completed, behavior, work)
            case .cancelling:
                if waits(behavior.cancellingSteps) { return }
                close(.cancelled, behavior, work)
            case .failed, .completed, .expired, .cancelled:
                return
            }
        }
    }

    /// Whether this step is one of the `steps` the current status answers before moving on.
    private mutating func waits(_ steps: Int) -> Bool {
        guard stepsInStatus < steps else { return false }
        stepsInStatus += 1
        return true
    }

    private mutating func validate(_ behavior: BatchBehavior, _ work: some BatchWork) {
        switch validation(behavior, work) {
        case let .valid(lines, model):
            self.lines = lines
            self.model = model
            enter(.inProgress)
        case let .invalid(errors):
            self.errors = errors
            enter(.failed)
        }
    }

    /// The input file's verdict, unless an injected fault has already decided it.
    private func validation(_ behavior: BatchBehavior, _ work: some BatchWork) -> BatchInput.Validation {
        if case let .batchFailsValidation(code, message)? = fault {
            return .invalid([BatchError(code: code, message: message)])
        }
        guard let data = work.inputFile(request.inputFileID, owner: owner) else {
            return .invalid([BatchError(code: "file_not_found", message: "No such File object: \(request.inputFileID)")])
        }
        return BatchInput.validate(data, endpoint: request.endpoint, behavior: behavior)
    }

    /// Runs the next lines, as many as a step takes and the window leaves room for.
    private mutating func runLines(_ behavior: BatchBehavior, _ work: some BatchWork) {
        let remaining = lines.count - results.count
        let windowRoom = expiresAfterLines.map { max(0, $0 - results.count) } ?? remaining
        for line in lines[results.count...].prefix(min(remaining, behavior.linesPerStep, windowRoom)) {
            let response = work.run(line, of: self)
            results.append(BatchLineResult(line: line, response: response))
        }
        if results.count == lines.count {
            enter(.finalizing)
        } else if let expiresAfterLines, results.count >= expiresAfterLines {
            close(.expired, behavior, work)
        }
    }

    private var expiresAfterLines: Int? {
        if case let .batchExpires(afterLines)? = fault { return afterLines }
        return nil
    }

    /// Ends the batch: what ran goes to the output or error file by its status, what did not
    /// run goes to the error file as expired or cancelled.
    private mutating func close(_ terminal: BatchStatus, _ behavior: BatchBehavior, _ work: some BatchWork) {
        let unrun: [BatchLineResult] = lines[results.count...].map { line in
            BatchLineResult(line: line, unrun: terminal == .expired ? .expired : .cancelled)
        }
        var entries = results + unrun
        if case let .shuffled(seed) = behavior.outputOrder {
            var generator = SeededGenerator(seed: seed &+ UInt64(number))
            entries.shuffle(using: &generator)
        }
        outputFileID = storeFile(entries.filter(\.succeeded), named: "output", work)
        errorFileID = storeFile(entries.filter { !$0.succeeded }, named: "error", work)
        enter(terminal)
    }

    /// The JSONL file of `entries`, or nil when there are none (its id stays null).
    private func storeFile(_ entries: [BatchLineResult], named kind: String, _ work: some BatchWork) -> String? {
        guard !entries.isEmpty else { return nil }
        var data = Data()
        for entry in entries {
            data.append(entry.entry(batchNumber: number).serializedData())
            data.append(0x0A)
        }
        return work.storeResultFile(data, filename: "\(id)_\(kind).jsonl", owner: owner)
    }
}
