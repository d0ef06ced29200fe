import Foundation
import Synchronization

/// Keeps a run within `--max-cost`: before each request the runner reserves its estimated
/// cost, and the request is not sent when spent + in flight + this one could exceed the budget.
///
/// A request the budget cannot price is not sent at all: its estimate comes from the manifest's
/// `prices`, or from what the provider reported for the same model earlier in the run.
public final class Budget: Sendable {
    public let limit: Double
    private struct State {
        var spent = 0.0
        var reserved = 0.0
        var exceeded = false
        /// USD per image the provider reported, by model.
        var observed: [ModelRef: Double] = [:]
    }

    private let state = Mutex(State())

    public init(limit: Double) {
        self.limit = limit
    }

    public var spent: Double { state.withLock { $0.spent } }

    /// Whether some request was held back because it could have exceeded the budget.
    public var wasExceeded: Bool { state.withLock { $0.exceeded } }

    /// Reserves the cost of a request for `images` images of `model` about to be sent (`estimate`
    /// from the price table, if any); returns the amount reserved. Throws when the request could
    /// exceed the budget, or cannot be priced.
    func reserve(_ estimate: Double?, model: ModelRef, images: Int) throws(BudgetExceeded) -> Double {
        try state.withLock { state throws(BudgetExceeded) in
            // Once paid work was held back, all of it is: the run does not skip ahead to cheaper
            // requests that happen to fit.
            if state.exceeded, estimate ?? 1 > 0 {
                throw BudgetExceeded(limit: limit, spent: state.spent, inFlight: state.reserved, next: estimate, model: model)
            }
            guard let amount = estimate ?? state.observed[model].map({ $0 * Double(images) }) else {
                state.exceeded = true
                throw BudgetExceeded(limit: limit, spent: state.spent, inFlight: state.reserved, next: nil, model: model)
            }
            guard state.spent + state.reserved + amount <= limit + 1e-9 else {
                state.exceeded = true
                throw BudgetExceeded(limit: limit, spent: state.spent, inFlight: state.reserved, next: amount, model: model)
            }
            state.reserved += amount
            return amount
        }
    }

    /// Settles a reservation: `cost` is what the request cost (nil when it failed), as reported
    /// by the provider (`reported`) or estimated.
    func settle(reserved: Double, cost: Double?, reported: Bool = false, model: ModelRef, images: Int) {
        state.withLock { state in
            state.reserved -= reserved
            state.spent += cost ?? 0
            if reported, let cost, images > 0 { state.observed[model] = cost / Double(images) }
        }
    }
}

/// The next request could take the run over its budget, or has no price to check it with.
struct BudgetExceeded: Error, Sendable, CustomStringConvertible {
    var limit: Double
    var spent: Double
    var inFlight: Double
    /// nil: the request could not be priced.
    var next: Double?
    var model: ModelRef

    var description: String {
        guard let next else {
            return "not started: --max-cost cannot bound requests to \(model), which has no price; "
                + "add it to the manifest's prices (\"prices\": {\"\(model)\": {\"medium\": USD per image}})"
        }
        return "not started: the budget of \(USD(limit)) could be exceeded (spent \(USD(spent)), in flight \(USD(inFlight)), this request about \(USD(next)))"
    }
}

/// `$0.042`, `$12.500`.
func USD(_ amount: Double) -> String {
    String(format: "$%.3f", amount)
}
