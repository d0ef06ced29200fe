import Foundation
import Synchronization
import AssetPipeManifest

/// Keeps a run within `--max-cost`: before each request the runner reserves its estimated
/// cost, and the request is not sent when spent + in flight + this one could exceed the budget.
/// Once one is held back, all later paid work is, for the same reason: the run does not skip
/// ahead to cheaper requests that happen to fit.
///
/// Every model a budgeted run may pay is priced before anything is sent (`UnpricedModels`); a
/// request that still has no price (a library caller that skipped the check) is refused on its
/// own, without holding back anything else.
public final class Budget: Sendable {
    public let limit: Double
    private struct State {
        var spent = 0.0
        var reserved = 0.0
        /// Why paid work is held back, from the first request that could have exceeded the budget.
        var heldBack: String?
    }

    private let state = Mutex(State())

    public init(limit: Double) {
        self.limit = limit
    }

    public var spent: Double { state.withLock { $0.spent } }

    /// Whether some request was held back because it could have exceeded the budget.
    public var wasExceeded: Bool { state.withLock { $0.heldBack != nil } }

    /// Reserves the cost of a request to `model` about to be sent (`estimate` from the price
    /// table); returns the amount reserved. Throws when the request could exceed the budget, when
    /// earlier paid work was held back, or when the request cannot be priced.
    func reserve(_ estimate: Double?, model: ModelRef) throws(BudgetRefusal) -> Double {
        try state.withLock { state throws(BudgetRefusal) in
            guard let amount = estimate else { throw BudgetRefusal("not started: --max-cost cannot bound \(model), which has no price; " + UnpricedModels.hint(for: model)) }
            if amount == 0 { return 0 }
            if let reason = state.heldBack { throw BudgetRefusal(reason) }
            guard state.spent + state.reserved + amount <= limit + 1e-9 else {
                let reason = "not started: the budget of \(USD(limit)) could be exceeded (spent \(USD(state.spent)), "
                    + "in flight \(USD(state.reserved)), next request about \(USD(amount)))"
                state.heldBack = reason
                throw BudgetRefusal(reason)
            }
            state.reserved += amount
            return amount
        }
    }

    /// Settles a reservation: `cost` is what the request cost (nil when it failed unbilled).
    func settle(reserved: Double, cost: Double?) {
        state.withLock { state in
            state.reserved -= reserved
            state.spent += cost ?? 0
        }
    }
}

/// A request the budget did not let through, and why.
struct BudgetRefusal: Error, Sendable, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// `$0.042`, `$12.500`.
package func USD(_ amount: Double) -> String {
    String(format: "$%.3f", amount)
}
